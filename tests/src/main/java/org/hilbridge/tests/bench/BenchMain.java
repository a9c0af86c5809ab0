package org.hilbridge.tests.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code ./hilbridge bench [NAME]}: runs one benchmark, or all of them. */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Benchmark> all = new LinkedHashMap<>();
        for (Benchmark b : List.<Benchmark>of(new PhysicsBenchmark(), new CameraBenchmark(), new LidarBenchmark(), new SensorSetBenchmark(),
                new RosMsgBenchmark(), new RealtimeBenchmark(), new SocketBenchmark(), new RosBenchmark(), new BagBenchmark(),
                new AugmentBenchmark(), new OnnxOverheadBenchmark(), new OnnxCudaBenchmark(), new AugmentWireBenchmark(), new AugmentPoolBenchmark())) {
            all.put(b.name(), b);
        }
        if (args.length > 1 || (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help")))) {
            System.out.println("usage: hilbridge bench [NAME]");
            all.values().forEach(b -> System.out.printf("  %-10s %s%n", b.name(), b.description()));
            System.exit(args.length > 1 ? 2 : 0);
        }
        List<Benchmark> chosen;
        if (args.length == 0) {
            chosen = List.copyOf(all.values());
        } else if (all.containsKey(args[0])) {
            chosen = List.of(all.get(args[0]));
        } else {
            System.err.println("hilbridge bench: unknown benchmark '" + args[0] + "': allowed are " + String.join(", ", all.keySet()));
            System.exit(2);
            return;
        }
        BenchReport report = new BenchReport(System.out);
        for (Benchmark b : chosen) {
            report.note(b.name() + ": " + b.description());
            b.run(report);
        }
    }
}
