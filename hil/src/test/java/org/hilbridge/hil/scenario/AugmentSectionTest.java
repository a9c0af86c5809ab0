package org.hilbridge.hil.scenario;

import static org.hilbridge.hil.config.ConfigErrors.assertConfigError;
import static org.hilbridge.hil.scenario.ScenarioFiles.MINIMAL;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.hilbridge.augment.param.ParameterSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class AugmentSectionTest {
    @TempDir
    Path dir;
    private ScenarioFiles files;

    @BeforeEach
    void setUp() {
        files = new ScenarioFiles(dir);
    }

    @Test
    void noSectionMeansNoAugmentation() throws IOException {
        assertSame(AugmentSettings.OFF, files.load(MINIMAL).augment());
        assertFalse(files.load(MINIMAL).augment().enabled());
    }

    @Test
    void theWeatherDrivesTheParametersAndExplicitValuesWin() throws IOException {
        Scenario s = files.load(MINIMAL + """
                weather: {condition: fog, intensity: 1}
                augment:
                  primary: augmented
                  params: {sensor: {exposure_ev: -0.5}, codec: {jpeg_quality: 70}}
                  sample: {keys: "sensor.wb_red_gain", block: 8}
                """);
        AugmentSettings a = s.augment();
        assertTrue(a.enabled());
        assertEquals("augmented", a.primary());
        assertEquals(1, a.seed(), "the scenario's seed by default");
        ParameterSet p = a.base(s.weather());
        assertEquals(30, p.get("fog.visibility_m"), 1e-9, "thick fog at intensity 1 (WeatherAppearance)");
        assertEquals(-0.5, p.get("sensor.exposure_ev"));
        assertEquals(70, p.get("codec.jpeg_quality"));
        assertEquals(List.of("sensor.wb_red_gain"), a.sampleKeys());
        assertEquals(8, a.sampleBlock());
    }

    @Test
    void aDomainClampsTheWeatherButRefusesAnExplicitValueOutsideIt() throws IOException {
        Scenario s = files.load(MINIMAL + "weather: {condition: fog, intensity: 1}\naugment: {domain: {fog: {visibility_m: {min: 100}}}}\n");
        assertEquals(100, s.augment().base(s.weather()).get("fog.visibility_m"));
        assertConfigError(() -> files.load(MINIMAL + "augment: {domain: {fog: {visibility_m: {min: 100}}}, params: {fog: {visibility_m: 50}}}\n"),
                "key 'augment.params.fog.visibility_m' = '50' is not allowed: it must be in [100, 20000] m (or inf: off)");
        assertConfigError(() -> files.load(MINIMAL + "augment: {domain: {fog: {visibility_m: {min: 5}}}}\n"),
                "key 'augment.domain.fog.visibility_m.min' = '5' is not allowed: the domain must lie within [20, 20000] m with min <= max");
    }

    @Test
    void badKeysAndValuesAreRefusedNamingKeyValueAndWhatIsAllowed() {
        assertConfigError(() -> files.load(MINIMAL + "augment: {params: {fog: {visibility: 300}}}\n"), "unknown key 'augment.params.fog.visibility'");
        assertConfigError(() -> files.load(MINIMAL + "augment: {params: {rain: {rate_mm_h: 500}}}\n"),
                "key 'augment.params.rain.rate_mm_h' = '500' is not allowed: it must be in [0.5, 100] mm/h (or 0: off)");
        assertConfigError(() -> files.load(MINIMAL + "augment: {params: {fog: {visibility_m: thick}}}\n"),
                "key 'augment.params.fog.visibility_m' = 'thick' is not allowed: expected a number or inf");
        assertConfigError(() -> files.load(MINIMAL + "augment: {backend: gan}\n"), "expected one of: photometric, onnx");
        assertConfigError(() -> files.load(MINIMAL + "augment: {backend: onnx}\n"), "required key 'augment.onnx.model' is missing");
        assertConfigError(() -> files.load(MINIMAL + "augment: {backend: onnx, onnx: {model: none.onnx}}\n"), "no such file");
        assertConfigError(() -> files.load(MINIMAL + "augment: {sample: {keys: \"fog.density\"}}\n"),
                "'fog.density' is not a parameter of the photometric backend");
        assertConfigError(() -> files.load(MINIMAL + "augment: {gate: {min_edge_f1: 2}}\n"), "key 'augment.gate.min_edge_f1' = '2'");
    }

    @Test
    void theDeadlineIsOneFramePeriodUnlessGiven() throws IOException {
        assertEquals(33_333_333L, files.load(MINIMAL + "augment: {enabled: true}\n").augment().deadlineNanos(30));
        assertEquals(20_000_000L, files.load(MINIMAL + "augment: {deadline_ms: 20}\n").augment().deadlineNanos(30));
    }

    @Test
    void infTurnsAnEffectOffAndTheCommandLineReachesEveryKey() throws IOException {
        Scenario s = files.load(MINIMAL + "weather: {condition: fog}\naugment: {enabled: true}\n", "augment.params.fog.visibility_m=inf");
        assertEquals(Double.POSITIVE_INFINITY, s.augment().base(s.weather()).get("fog.visibility_m"));
    }
}
