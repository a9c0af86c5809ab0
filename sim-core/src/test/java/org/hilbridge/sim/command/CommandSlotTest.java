package org.hilbridge.sim.command;

import static org.hilbridge.sim.ErrorMessages.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.hilbridge.sim.vehicle.ActuatorDemand;
import org.hilbridge.sim.vehicle.VehicleParams;
import org.junit.jupiter.api.Test;

/**
 * A CommandSlot holds each form's fields and is converted exactly as the record with the same fields (the
 * reference: CommandConverter.convert of the record), step after step (the speed controller's integral included).
 */
class CommandSlotTest {
    private final VehicleParams params = VehicleParams.offRoadUtility();

    @Test
    void aSlotIsConvertedExactlyAsTheRecordWithTheSameFields() {
        List<VehicleCommand> commands = List.of(new NormalizedCommand(0.4, 0.1, -0.5), new AckermannCommand(4.2, 0.1), new TwistCommand(-3, 0.4),
                new AckermannCommand(0.01, -0.2), new TwistCommand(6, -0.3));
        CommandConverter byRecord = new CommandConverter(params);
        CommandConverter bySlot = new CommandConverter(params);
        CommandSlot slot = new CommandSlot();
        double speedMps = 0;
        for (int step = 0; step < 500; step++) {
            VehicleCommand c = commands.get(step / 100);
            if (c instanceof NormalizedCommand n) {
                slot.normalized(n.throttle(), n.brake(), n.steering());
            } else if (c instanceof AckermannCommand a) {
                slot.ackermann(a.speedMps(), a.steeringAngleRad());
            } else {
                TwistCommand t = (TwistCommand) c;
                slot.twist(t.speedMps(), t.yawRateRadPerS());
            }
            assertEquals(c, slot.toCommand());
            ActuatorDemand expected = byRecord.convert(c, speedMps, 0.001, new ActuatorDemand());
            ActuatorDemand actual = bySlot.convert(slot, speedMps, 0.001, new ActuatorDemand());
            assertEquals(expected.throttle(), actual.throttle(), "step " + step);
            assertEquals(expected.brake(), actual.brake(), "step " + step);
            assertEquals(expected.steeringAngleRad(), actual.steeringAngleRad(), "step " + step);
            speedMps += 0.01;
        }
    }

    @Test
    void copiesHoldTheSameCommandAndAnEmptySlotHasNone() {
        CommandSlot a = new CommandSlot().set(new AckermannCommand(2, 0.3));
        assertEquals(new AckermannCommand(2, 0.3), new CommandSlot().copyFrom(a).toCommand());
        assertEquals(new NormalizedCommand(0.5, 0, 1), new CommandSlot().set(new NormalizedCommand(0.5, 0, 1)).toCommand());
        a.clear();
        assertEquals(CommandSlot.Form.EMPTY, a.form());
        assertNull(a.toCommand());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CommandConverter(params).convert(a, 0, 0.001, new ActuatorDemand()));
        assertEquals("the command slot is empty: there is no command to convert", e.getMessage());
    }

    @Test
    void aSetterRefusesWhatTheRecordRefusesWithTheSameMessage() {
        IllegalArgumentException record = assertThrows(IllegalArgumentException.class, () -> new TwistCommand(1, 11));
        IllegalArgumentException slot = assertThrows(IllegalArgumentException.class, () -> new CommandSlot().twist(1, 11));
        assertEquals(record.getMessage(), slot.getMessage());
        assertMessage(() -> new CommandSlot().twist(1, 11), "command field yawRateRadPerS = 11.0 is not allowed: it must be in [-10.0, 10.0]");
        assertEquals(assertThrows(IllegalArgumentException.class, () -> new NormalizedCommand(0, 2, 0)).getMessage(),
                assertThrows(IllegalArgumentException.class, () -> new CommandSlot().normalized(0, 2, 0)).getMessage());
        assertEquals(assertThrows(IllegalArgumentException.class, () -> new AckermannCommand(101, 0)).getMessage(),
                assertThrows(IllegalArgumentException.class, () -> new CommandSlot().ackermann(101, 0)).getMessage());
    }
}
