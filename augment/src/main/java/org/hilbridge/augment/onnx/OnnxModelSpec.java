package org.hilbridge.augment.onnx;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run an image-to-image ONNX model as an augmentation backend (scenario keys augment.onnx.*).
 *
 * <p>The RGB input holds the frame's sRGB codes as floats, normalised per channel: x = (code / 255 - mean) / std
 * (mean 0 and std 1 give [0, 1]; ImageNet-style models use mean (0.485, 0.456, 0.406), std (0.229, 0.224,
 * 0.225)); the output is read back through the inverse and clamped to [0, 255]. A model whose RGB input or
 * output is uint8 takes or gives the sRGB codes as they are (mean and std apply to float tensors only): the
 * cheapest path, no conversion at all in NHWC. Optional conditioning
 * inputs, matched by input name: depth in metres (infinity, the sky, clamped to {@code depthMaxM}) and the
 * semantic class ids (as float or int64, whichever the model declares). Layout NCHW ([1, C, H, W]) or NHWC
 * ([1, H, W, C]) for all of them.
 *
 * @param model          the .onnx file
 * @param rgbInput       name of the RGB input
 * @param depthInput     name of the depth input, if the model takes one
 * @param semanticInput  name of the semantic-id input, if the model takes one
 * @param output         name of the RGB output; empty: the model's only output
 * @param executionProvider "cpu" or "cuda" (CUDA needs the onnxruntime_gpu build on the classpath and a GPU)
 * @param cudaDevice     CUDA device number
 * @param intraOpThreads threads ONNX Runtime may use inside one run (0: its default)
 */
public record OnnxModelSpec(Path model, String rgbInput, Optional<String> depthInput, Optional<String> semanticInput,
                            Optional<String> output, Layout layout, double[] mean, double[] std, double depthMaxM,
                            String executionProvider, int cudaDevice, int intraOpThreads) {
    public enum Layout { NCHW, NHWC }

    public static final String CPU = "cpu";
    public static final String CUDA = "cuda";

    public OnnxModelSpec {
        Objects.requireNonNull(model, "augment.onnx.model");
        Objects.requireNonNull(rgbInput, "augment.onnx.rgb_input");
        Objects.requireNonNull(depthInput, "depthInput");
        Objects.requireNonNull(semanticInput, "semanticInput");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(layout, "augment.onnx.layout");
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("augment.onnx.mean and augment.onnx.std must hold 3 numbers each (red, green, blue), not "
                    + mean.length + " and " + std.length);
        }
        for (int c = 0; c < 3; c++) {
            if (!(std[c] > 0) || !Double.isFinite(std[c]) || !Double.isFinite(mean[c])) {
                throw new IllegalArgumentException("augment.onnx.std[" + c + "] = " + std[c] + " / mean = " + mean[c]
                        + " is not allowed: std must be a finite number > 0 and mean finite");
            }
        }
        mean = mean.clone();
        std = std.clone();
        if (!(depthMaxM > 0) || !Double.isFinite(depthMaxM)) {
            throw new IllegalArgumentException("augment.onnx.depth_max_m = " + depthMaxM + " is not allowed: it must be a finite number > 0");
        }
        if (!CPU.equals(executionProvider) && !CUDA.equals(executionProvider)) {
            throw new IllegalArgumentException("augment.onnx.execution_provider = '" + executionProvider + "' is not allowed: allowed are cpu, cuda");
        }
        if (cudaDevice < 0) {
            throw new IllegalArgumentException("augment.onnx.cuda_device = " + cudaDevice + " is not allowed: it must be >= 0");
        }
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("augment.onnx.intra_op_threads = " + intraOpThreads + " is not allowed: it must be >= 0");
        }
    }

    /** A model with input "rgb" and output "out", NCHW, [0, 1] normalisation, on the CPU, with the given conditioning inputs. */
    public static OnnxModelSpec simple(Path model, Optional<String> depthInput, Optional<String> semanticInput) {
        return new OnnxModelSpec(model, "rgb", depthInput, semanticInput, Optional.empty(), Layout.NCHW,
                new double[] {0, 0, 0}, new double[] {1, 1, 1}, 1000, CPU, 0, 1);
    }

    public OnnxModelSpec withLayout(Layout newLayout) {
        return new OnnxModelSpec(model, rgbInput, depthInput, semanticInput, output, newLayout, mean, std, depthMaxM, executionProvider, cudaDevice, intraOpThreads);
    }

    public OnnxModelSpec withExecutionProvider(String provider) {
        return new OnnxModelSpec(model, rgbInput, depthInput, semanticInput, output, layout, mean, std, depthMaxM, provider, cudaDevice, intraOpThreads);
    }
}
