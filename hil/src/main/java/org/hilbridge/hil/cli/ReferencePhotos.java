package org.hilbridge.hil.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The default reference of {@code hilbridge metrics}: the colour photographs that Debian's python3-skimage
 * ships in /usr/lib/python3/dist-packages/skimage/data/ (scikit-image's data/README and its data module
 * docstrings name the source of each). Only real colour photographs of outdoor or everyday scenes are used:
 * astronaut (NASA portrait photo), chelsea (a cat), coffee (a cup of coffee), rocket (a launch pad outdoors),
 * motorcycle_left and motorcycle_right (the Middlebury stereo photographs). Left out: greyscale photographs
 * (camera, moon, coins, grass, gravel, brick, ...) because the colour statistics need three channels, and
 * microscopy, astronomy, medical, logos and synthetic images (immunohistochemistry, hubble_deep_field,
 * retina, logo, color, checkerboard, ...) because they are not scenes a vehicle camera sees or not photographs.
 */
record ReferencePhotos(Path folder, List<String> names) {
    static final String PACKAGE = "python3-skimage";
    static final Path SKIMAGE_DATA = Path.of("/usr/lib/python3/dist-packages/skimage/data");
    static final List<String> SKIMAGE_PHOTOS = List.of("astronaut.png", "chelsea.png", "coffee.png", "rocket.jpg",
            "motorcycle_left.png", "motorcycle_right.png");

    static ReferencePhotos skimage() {
        return of(SKIMAGE_DATA);
    }

    /** The chosen photographs in {@code folder}; every one must be there, else the error names the Debian package. */
    static ReferencePhotos of(Path folder) {
        for (String name : SKIMAGE_PHOTOS) {
            if (!Files.isRegularFile(folder.resolve(name))) {
                throw new IllegalArgumentException("the default --reference needs Debian's " + PACKAGE + " (apt-get install " + PACKAGE
                        + "): " + folder.resolve(name) + " is missing; or give --reference DIR with your own photographs");
            }
        }
        return new ReferencePhotos(folder, SKIMAGE_PHOTOS);
    }

    List<Path> files() {
        return names.stream().map(folder::resolve).toList();
    }
}
