package org.hilbridge.hil.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.hilbridge.hil.config.BridgeKeys;
import org.hilbridge.hil.regress.RegressPlan;
import org.hilbridge.hil.regress.RegressSession;
import org.hilbridge.hil.regress.RunResult;
import org.hilbridge.hil.regress.RunSpec;
import org.hilbridge.hil.regress.Shard;
import org.hilbridge.hil.regress.Suite;
import org.hilbridge.hil.regress.SuiteLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hilbridge regress SUITE}: runs a regression suite and writes JUnit XML and an HTML report. */
@Command(name = "regress", mixinStandardHelpOptions = true, subcommands = RegressMergeCommand.class,
        description = {"Run a regression suite (YAML, see launch/suites/README.md): every scenario and sweep value, with a progress bar;",
            "write runs/NAME/ (result, PNGs), junit.xml and index.html under --out.",
            "`hilbridge regress merge DIR...` merges the --out folders of shards into one report."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every run passed", "1:a run failed a criterion (or could not complete)", "2:bad suite, scenario key or command line"})
final class RegressCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SUITE", description = "Suite file (YAML), e.g. launch/suites/ci.yaml.")
    Path suite;

    @Option(names = "--jobs", paramLabel = "N", description = "Runs at once in this JVM (each with its own runner and ports; default ${DEFAULT-VALUE}).")
    int jobs = 1;

    @Option(names = "--shard", paramLabel = "i/n", description = "Run only shard i of n (1-based; run k of the expansion is in shard k mod n + 1).")
    String shard = "1/1";

    @Option(names = "--out", paramLabel = "DIR", description = "Where the reports go (default ${DEFAULT-VALUE}).")
    Path out = Path.of("regress-out");

    @Option(names = "--pacing", paramLabel = "MODE", description = "fast or lockstep (default: what each run's configuration says, fast unless set).")
    String pacing;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a scenario or bridge key in every run (repeatable; after the suite's own).")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (suite == null) {
            throw new IllegalArgumentException("regress needs a SUITE file (or `regress merge DIR...`)");
        }
        List<String> extra = new ArrayList<>(overrides);
        if (pacing != null) {
            if (!List.of("fast", "lockstep").contains(pacing)) {
                throw new IllegalArgumentException("--pacing '" + pacing + "' is not allowed: allowed are fast, lockstep (regression runs are reproducible)");
            }
            extra.add(BridgeKeys.PACING + "=" + pacing);
        }
        Shard selected = Shard.parse(shard);
        Suite s = new SuiteLoader().load(suite);
        RegressPlan plan = new RegressPlan(System.getenv());
        List<RunSpec> all = RegressPlan.expand(s, extra);
        List<RunSpec> mine = selected.select(all);
        plan.check(mine);
        System.out.printf("hilbridge: suite %s, %d runs%s, %d at a time, reports in %s%n", s.name(), mine.size(),
                selected.count() > 1 ? " (shard " + selected + " of " + all.size() + ")" : "", jobs, out.toAbsolutePath());
        List<RunResult> results = new RegressSession(plan, System.out, true).run(s, mine, out, jobs);
        return RegressMergeCommand.summarise(results, out);
    }
}
