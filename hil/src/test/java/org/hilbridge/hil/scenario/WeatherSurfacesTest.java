package org.hilbridge.hil.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hilbridge.sim.terrain.HeightField;
import org.hilbridge.sim.terrain.Material;
import org.hilbridge.sim.terrain.MaterialCatalog;
import org.hilbridge.sim.terrain.RigidSurface;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeatherSurfacesTest {
    private static final MaterialCatalog CATALOG = MaterialCatalog.standard();

    @TempDir
    Path dir;

    private static String wet(String name) {
        return WeatherSurfaces.apply(Weather.Surface.WET, CATALOG.get(name)).name();
    }

    private static double peakMu(Material m) {
        return ((RigidSurface) m.surface()).peakMu();
    }

    private HeightField ground(String text, String... sets) throws IOException {
        return (HeightField) new ScenarioFiles(dir).load(text, sets).world().terrain();
    }

    @Test
    void theConditionBringsItsSurfaceUnlessTheScenarioSetsOne() {
        assertEquals(Weather.Surface.WET, WeatherSurfaces.surfaceFor(Weather.Condition.RAIN));
        assertEquals(Weather.Surface.SNOW, WeatherSurfaces.surfaceFor(Weather.Condition.SNOW));
        for (Weather.Condition dry : new Weather.Condition[] {Weather.Condition.CLEAR, Weather.Condition.FOG, Weather.Condition.NIGHT}) {
            assertEquals(Weather.Surface.DRY, WeatherSurfaces.surfaceFor(dry), dry.name());
        }
    }

    @Test
    void wetFollowsTheTable() {
        assertEquals("wet_asphalt", wet("dry_asphalt"));
        assertEquals("mud", wet("clay"));
        assertEquals("wet_grass", wet("grass"));
        assertEquals("wet_gravel", wet("gravel"));
        for (String unchanged : new String[] {"dry_sand", "mud", "snow", "wet_asphalt"}) {
            assertSame(CATALOG.get(unchanged), WeatherSurfaces.apply(Weather.Surface.WET, CATALOG.get(unchanged)), unchanged);
        }
        assertEquals(0.8 * peakMu(CATALOG.get("grass")), peakMu(WeatherSurfaces.apply(Weather.Surface.WET, CATALOG.get("grass"))), 1e-12);
        assertEquals(0.9 * peakMu(CATALOG.get("gravel")), peakMu(WeatherSurfaces.apply(Weather.Surface.WET, CATALOG.get("gravel"))), 1e-12);
    }

    @Test
    void snowCoversEveryMaterialAndDryChangesNone() {
        for (Material m : CATALOG.all()) {
            assertEquals("snow", WeatherSurfaces.apply(Weather.Surface.SNOW, m).name(), m.name());
            assertSame(m, WeatherSurfaces.apply(Weather.Surface.DRY, m), m.name());
        }
    }

    @Test
    void rainWetsAsphaltAndTurnsClayToMud() throws IOException {
        String asphalt = ScenarioFiles.MINIMAL + "weather: {condition: rain}\n";
        assertEquals("wet_asphalt", ground(asphalt).material(0, 0).name());
        assertEquals("mud", ground(asphalt.replace("dry_asphalt", "clay")).material(0, 0).name());
        Weather w = new ScenarioFiles(dir).load(asphalt).weather();
        assertEquals(new Weather(Weather.Condition.RAIN, 0.5, Weather.Surface.WET), w, "rain's default intensity is 0.5");
    }

    @Test
    void anExplicitSurfaceSeparatesTheConditionFromTheGround() throws IOException {
        String text = ScenarioFiles.MINIMAL + "weather: {condition: rain, surface: dry}\n";
        assertEquals("dry_asphalt", ground(text).material(0, 0).name());
        assertEquals(Weather.Surface.DRY, new ScenarioFiles(dir).load(text).weather().surface());
        assertEquals("wet_asphalt", ground(ScenarioFiles.MINIMAL, "weather.surface=wet").material(0, 0).name(), "wet ground under a clear sky");
    }

    @Test
    void snowMakesTheWholeRollingCourseSnow() throws IOException {
        HeightField g = ground("seed: 1\nduration_s: 5\nterrain: {type: rolling, size_m: 200, cell_size_m: 5}\nweather: {condition: snow, intensity: 0.9}\n");
        assertEquals(Set.of("snow"), g.palette().stream().map(Material::name).collect(Collectors.toSet()));
        assertEquals(5, g.palette().size(), "same palette size, so the material map still applies");
    }

    @Test
    void rainOnTheRollingCourseMapsEachPaletteEntry() throws IOException {
        HeightField g = ground("seed: 1\nduration_s: 5\nterrain: {type: rolling, size_m: 200, cell_size_m: 5}\nweather: {condition: rain}\n");
        Map<String, Long> names = g.palette().stream().collect(Collectors.groupingBy(Material::name, Collectors.counting()));
        assertEquals(Map.of("wet_grass", 1L, "mud", 2L, "dry_sand", 1L, "wet_gravel", 1L), names, "clay became mud, next to the mud");
    }

    @Test
    void aCustomMaterialIsLeftAsDefinedInRain() throws IOException {
        HeightField g = ground(ScenarioFiles.MINIMAL.replace("dry_asphalt", "my_grass") + """
                materials: {my_grass: {like: grass, peak_mu: 0.5}}
                weather: {condition: rain}
                """);
        assertEquals("my_grass", g.material(0, 0).name());
        assertEquals(0.5, peakMu(g.material(0, 0)));
    }
}
