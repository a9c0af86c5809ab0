package org.hilbridge.hil.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hilbridge.hil.config.BridgeConfig;
import org.hilbridge.hil.config.BridgeConfigLoader;
import org.hilbridge.hil.record.BagPlayer;
import org.hilbridge.hil.record.BagReader;
import org.hilbridge.hil.record.CheckResult;
import org.hilbridge.hil.ros.RosLink;
import org.hilbridge.hil.record.DeterminismCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hilbridge replay BAG}: republishes a bag with /clock; {@code --check}: re-runs the recorded scenario
 * with its recorded commands and compares every sensor message with the bag's.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Republish a ROS bag with /clock at its recorded times through hilbridge's ROS node (the ros.* keys of --config / --set "
                + "apply: master, node name, queue depth), or (--check) re-run the recorded scenario with its seed and "
                + "recorded commands and compare every sensor message with the bag's, bit for bit.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:replayed; --check: identical", "1:--check: the re-run diverged (the first divergent message is printed)",
            "2:bad bag or command line, or a realtime recording given to --check", "3:internal error"})
final class ReplayCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BAG", description = "A ROS bag v2.0 (uncompressed), e.g. one written by `hilbridge run --record`.")
    Path bag;

    @Option(names = "--check", description = "Determinism check: re-run the bag's scenario (fast or lockstep recordings only) and compare.")
    boolean check;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "1", description = "Bag seconds per wall second (default ${DEFAULT-VALUE}).")
    double rate;

    @Mixin
    ConfigOptions options = new ConfigOptions();

    @Option(names = "--fast", description = "Publish as fast as possible, without waiting for the recorded times.")
    boolean fast;

    @Override
    public Integer call() throws Exception {
        if (check) {
            CheckResult r = DeterminismCheck.run(bag, System.out);
            System.out.println("hilbridge: " + r.verdict());
            for (int i = 1; i < r.divergences().size(); i++) {
                System.out.println("  also " + r.divergences().get(i));
            }
            return r.identical() ? ExitCodes.OK : ExitCodes.CRITERIA_FAILED;
        }
        if (!(rate > 0)) {
            throw new IllegalArgumentException("--rate " + rate + " is not allowed: it must be > 0 (or use --fast)");
        }
        BridgeConfig config = new BridgeConfigLoader().load(options.config, System.getenv(), options.overrides);
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                done.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hilbridge-replay-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        // the ros.* settings apply whether or not ros.enabled is set: a replay is nothing but its ROS node
        try (BagReader reader = BagReader.open(bag); RosLink ros = RosLink.start(config.ros(), System.getenv())) {
            System.out.printf("hilbridge: replaying %s through ROS node %s, master %s%s, %s%n", bag, ros.node().callerId(), ros.node().masterUri(),
                    ros.node().embeddedMaster() != null ? " (embedded)" : " (ROS_MASTER_URI)", fast ? "as fast as possible" : "at rate " + rate);
            System.out.flush();
            BagPlayer.Played p = new BagPlayer(ros.graph(), fast ? Double.POSITIVE_INFINITY : rate).play(reader, stop::get);
            System.out.printf("hilbridge: %s %d messages (%d /clock added), bag time %.3f s to %.3f s%n", p.stopped() ? "stopped after" : "published",
                    p.messages(), p.clocks(), p.firstNanos() / 1e9, p.lastNanos() / 1e9);
            for (String line : ros.summaryLines()) {
                System.out.println("  " + line);
            }
            System.out.flush();
            return ExitCodes.OK;
        } finally {
            done.countDown();
            if (!stop.get()) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
    }
}
