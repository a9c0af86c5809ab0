package org.hilbridge.hil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HilbridgeCliTest {
    @Test
    void anUnknownVehicleIsOneClearLineNamingTheValueAndTheChoices() {
        CommandLine cl = HilbridgeCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("demo", "--vehicle", "truck", "--duration-s", "1");
        assertEquals(2, code);
        assertEquals("hilbridge: --vehicle 'truck' is not known: allowed are off_road_utility, small_car", err.toString().trim());
    }

    @Test
    void aNonPositiveDurationIsRefused() {
        CommandLine cl = HilbridgeCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute("demo", "--duration-s", "0"));
        assertTrue(err.toString().contains("duration 0.0 s is not allowed"), err.toString());
    }
}
