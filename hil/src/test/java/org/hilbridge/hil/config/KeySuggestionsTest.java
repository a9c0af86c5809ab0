package org.hilbridge.hil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeySuggestionsTest {
    private final KeySuggestions s = new KeySuggestions(List.of("vehicle.model", "sensors[].rate_hz", "materials.*.peak_mu"),
            List.of("runner.pacing"), "a bridge key");

    @Test
    void anAdjacentTranspositionIsOneEdit() {
        // Optimal string alignment distance (Damerau 1964): a swap of neighbours costs 1, not 2 as in Levenshtein.
        assertEquals(1, KeySuggestions.distance("vehicel", "vehicle"));
        assertEquals(3, KeySuggestions.distance("kitten", "sitting"));
        assertEquals(0, KeySuggestions.distance("", ""));
    }

    @Test
    void suggestionsKeepTheUsersIndicesAndMapNames() {
        assertEquals(" (did you mean 'vehicle.model'?)", s.hint("vehicel.model"));
        assertEquals(" (did you mean 'sensors(2).rate_hz'?)", s.hint("sensors(2).rate_hx"));
        assertEquals(" (did you mean 'materials.my_gravel.peak_mu'?)", s.hint("materials.my_gravel.peak_muu"));
        assertEquals("", s.hint("weather.fog_density"));
    }

    @Test
    void aKeyOfTheOtherNamespaceIsPointedOut() {
        assertEquals(" (a bridge key)", s.hint("runner.pacing"));
    }
}
