package org.hilbridge.augment.param;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.hilbridge.augment.photometric.PhotometricSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ParameterSpaceTest {
    private static final ParameterSpace SPACE = PhotometricSpace.SPACE;

    @Test
    void anOutOfRangeValueIsRefusedNamingTheKeyTheValueAndTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SPACE.of(Map.of("fog.visibility_m", 5.0)));
        assertEquals("augment.params.fog.visibility_m = 5 is not allowed: it must be in [20, 20000] m (or inf: off)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SPACE.of(Map.of("sensor.exposure_ev", 4.5)));
        assertTrue(e.getMessage().startsWith("augment.params.sensor.exposure_ev = 4.5 is not allowed: it must be in [-4, 4] EV"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SPACE.of(Map.of("rain.rate_mm_h", Double.NaN)));
        assertTrue(e.getMessage().contains("rain.rate_mm_h = NaN"), e.getMessage());
    }

    @Test
    void identityValuesAreAllowedOutsideTheDomainAndInsideValuesAtTheEnds() {
        assertDoesNotThrow(() -> SPACE.of(Map.of("fog.visibility_m", Double.POSITIVE_INFINITY, "rain.rate_mm_h", 0.0)));
        assertDoesNotThrow(() -> SPACE.of(Map.of("fog.visibility_m", 20.0, "rain.rate_mm_h", 100.0)));
    }

    @Test
    void anUnknownKeyIsRefusedListingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SPACE.of(Map.of("fog.density", 1.0)));
        assertTrue(e.getMessage().startsWith("augment parameter 'fog.density' is not known: known are fog.visibility_m, "), e.getMessage());
    }

    @Test
    void configurationNarrowsADomainButNeverWidensIt() {
        ParameterSpace narrow = SPACE.narrowed(Map.of("fog.visibility_m", new double[] {50, 2000}));
        assertThrows(IllegalArgumentException.class, () -> narrow.of(Map.of("fog.visibility_m", 30.0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SPACE.narrowed(Map.of("fog.visibility_m", new double[] {10, 2000})));
        assertEquals("augment.domain.fog.visibility_m = [10, 2000] is not allowed: it must lie within [20, 20000] m with min <= max", e.getMessage());
    }

    /** Latin hypercube (McKay et al. 1979): in each block of n draws every key visits each of its n strata exactly once. */
    @Test
    void theSamplerCoversTheDeclaredSpaceStratumByStratum() {
        ParameterSpace narrow = SPACE.narrowed(Map.of("fog.visibility_m", new double[] {50, 2000}));
        List<String> varied = narrow.keys();
        int block = 16;
        ParameterSampler sampler = new ParameterSampler(narrow.identity(), varied, block, 99);
        int blocks = 5;
        int[][] hits = new int[varied.size()][block];
        for (int i = 0; i < blocks * block; i++) {
            ParameterSet s = sampler.draw(i);
            for (int k = 0; k < varied.size(); k++) {
                ParamSpec spec = narrow.spec(varied.get(k));
                double value = s.get(spec.key());
                assertTrue(value >= spec.min() && value <= spec.max(), spec.key() + " = " + value + " outside its domain");
                int stratum = (int) Math.min(block - 1, Math.floor(spec.fractionOf(value) * block));
                hits[k][stratum]++;
            }
            if ((i + 1) % block == 0) {
                for (int k = 0; k < varied.size(); k++) {
                    for (int st = 0; st < block; st++) {
                        assertEquals((i + 1) / block, hits[k][st], varied.get(k) + " stratum " + st + " after " + (i + 1) + " draws");
                    }
                }
            }
        }
        assertEquals(sampler.draw(37), new ParameterSampler(narrow.identity(), varied, block, 99).draw(37), "draw i depends only on (seed, i)");
        assertNotEquals(sampler.draw(37), new ParameterSampler(narrow.identity(), varied, block, 98).draw(37));
    }

    @Test
    void keysThatAreNotVariedKeepTheBaseValue() {
        ParameterSet base = SPACE.of(Map.of("rain.wetness", 0.7));
        ParameterSampler sampler = new ParameterSampler(base, List.of("fog.visibility_m"), 4, 1);
        for (int i = 0; i < 8; i++) {
            assertEquals(0.7, sampler.draw(i).get("rain.wetness"));
        }
    }
}
