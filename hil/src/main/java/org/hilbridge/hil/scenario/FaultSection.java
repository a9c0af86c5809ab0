package org.hilbridge.hil.scenario;

import java.util.ArrayList;
import java.util.List;
import org.hilbridge.hil.config.ConfigTree;
import org.hilbridge.hil.config.NumberText;

/** The fault schedule: kinds from {@link Scenario.FaultSpec#KINDS}, each starting within the run, a target naming a sensor. */
final class FaultSection {
    private FaultSection() {
    }

    static List<Scenario.FaultSpec> read(ConfigTree c, double durationS, List<Scenario.SensorSpec> sensors) {
        List<String> sensorNames = sensors.stream().map(Scenario.SensorSpec::name).toList();
        List<Scenario.FaultSpec> faults = new ArrayList<>();
        for (int i = 0; i < c.size("faults"); i++) {
            String p = "faults(" + i + ")";
            double atS = c.number(p + ".at_s");
            if (atS >= durationS) {
                throw c.notAllowed(p + ".at_s", "the scenario ends at duration_s = " + NumberText.of(durationS) + " s");
            }
            String target = null;
            if (c.has(p + ".target")) {
                target = c.text(p + ".target");
                if (!sensorNames.contains(target)) {
                    throw c.notAllowed(p + ".target", "expected one of the scenario's sensors: " + String.join(", ", sensorNames));
                }
            }
            faults.add(new Scenario.FaultSpec(c.text(p + ".kind"), atS, c.number(p + ".duration_s", 0), target, c.number(p + ".magnitude", 0)));
        }
        return faults;
    }
}
