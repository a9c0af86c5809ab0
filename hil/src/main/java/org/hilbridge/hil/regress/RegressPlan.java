package org.hilbridge.hil.regress;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hilbridge.hil.config.BridgeConfig;
import org.hilbridge.hil.config.BridgeConfigLoader;
import org.hilbridge.hil.config.ConfigException;
import org.hilbridge.hil.control.RoutePath;
import org.hilbridge.hil.runner.Runner;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioLoader;

/** Expands a suite into its concrete runs, and loads (checks) a run's scenario and configuration. */
public final class RegressPlan {
    private final Map<String, String> environment;

    /** @param environment HILBRIDGE__A__B=value overrides, as for `hilbridge run` */
    public RegressPlan(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * Every run of the suite, in a stable order: entries in file order, each entry's sweep as a cross product
     * with the last key varying fastest. {@code extra} overrides (e.g. the command line's pacing) come last.
     */
    public static List<RunSpec> expand(Suite suite, List<String> extra) {
        List<RunSpec> out = new ArrayList<>();
        for (SuiteEntry e : suite.entries()) {
            List<Map<String, String>> combos = new ArrayList<>();
            combos.add(new LinkedHashMap<>());
            for (Map.Entry<String, List<String>> key : e.sweep().entrySet()) {
                List<Map<String, String>> next = new ArrayList<>();
                for (Map<String, String> c : combos) {
                    for (String v : key.getValue()) {
                        Map<String, String> m = new LinkedHashMap<>(c);
                        m.put(key.getKey(), v);
                        next.add(m);
                    }
                }
                combos = next;
            }
            for (Map<String, String> combo : combos) {
                StringBuilder name = new StringBuilder(e.label());
                combo.forEach((k, v) -> name.append("__").append(k).append('-').append(v.replaceAll("[^A-Za-z0-9_.-]", "_")));
                List<String> overrides = new ArrayList<>();
                e.set().forEach((k, v) -> overrides.add(k + "=" + v));
                combo.forEach((k, v) -> overrides.add(k + "=" + v));
                overrides.addAll(criteriaOverrides(e.criteria()));
                overrides.addAll(systemOverrides(e.system()));
                overrides.addAll(extra);
                out.add(new RunSpec(out.size(), name.toString(), e, combo, overrides));
            }
        }
        return out;
    }

    /** The criteria the runner itself evaluates, as scenario keys (launch/scenarios/README.md, "criteria"). */
    private static List<String> criteriaOverrides(SuiteCriteria c) {
        List<String> o = new ArrayList<>();
        if (!Double.isNaN(c.goalWithinS())) {
            o.add("criteria.goal_reached=true");
            o.add("criteria.max_time_to_goal_s=" + c.goalWithinS());
        }
        if (c.noCollision()) {
            o.add("criteria.no_collision=true");
        }
        if (c.watchdogStopExpected() != null) {
            o.add("criteria.watchdog_stop_expected=" + c.watchdogStopExpected());
        }
        return o;
    }

    private static List<String> systemOverrides(SystemUnderTest s) {
        if (s.external()) {
            // The program connects to the run's own socket (an ephemeral port: runs side by side never collide);
            // the run waits for it before its first step.
            return List.of("controller.type=none", "socket.enabled=true", "socket.bind_address=127.0.0.1", "socket.port=0", "socket.await_clients=1");
        }
        return List.of("controller.type=" + BridgeConfig.CONTROLLER_ROUTE_FOLLOWER, "runner.progress_every_s=0");
    }

    /** A run's scenario and configuration, loaded and checked as a run would load them. */
    public record Loaded(Scenario scenario, BridgeConfig config) {
    }

    public Loaded load(RunSpec run) throws IOException {
        String where = "run " + run.name() + " (" + run.entry().scenarioFile() + ")";
        try {
            Scenario s = new ScenarioLoader(environment).load(run.entry().scenarioFile(), run.overrides());
            BridgeConfig c = new BridgeConfigLoader().load(null, environment, run.overrides());
            if (BridgeConfig.CONTROLLER_ROUTE_FOLLOWER.equals(c.controller())) {
                RoutePath.of(s);
            }
            Runner.validate(s, c);
            return new Loaded(s, c);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": " + e.getMessage(), e);
        }
    }

    /** Loads every run once, so that a bad key or value stops the suite before any run starts. */
    public void check(List<RunSpec> runs) throws IOException {
        for (RunSpec r : runs) {
            load(r);
        }
    }
}
