package org.hilbridge.hil.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.hilbridge.hil.regress.JUnitXmlReport;
import org.hilbridge.hil.regress.RegressSession;
import org.hilbridge.hil.regress.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hilbridge regress merge DIR...}: one report from the --out folders of shards. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merge the --out folders of `hilbridge regress --shard i/n` runs into one report (junit.xml, index.html, runs/).",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:every run passed", "1:a run failed", "2:bad or overlapping folders"})
final class RegressMergeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Shard --out folders.")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the merged report goes (default ${DEFAULT-VALUE}).")
    Path out = Path.of("regress-merged");

    @Override
    public Integer call() throws Exception {
        List<RunResult> results = RegressSession.merge(dirs, out);
        return summarise(results, out);
    }

    static int summarise(List<RunResult> results, Path out) {
        long passed = results.stream().filter(RunResult::passed).count();
        System.out.printf("%nhilbridge: %d of %d runs passed%n", passed, results.size());
        for (RunResult r : results) {
            if (!r.passed()) {
                System.out.printf("  FAIL %s: %s%n", r.name(), JUnitXmlReport.failureMessage(r));
            }
        }
        System.out.printf("  junit   %s%n  report  %s%n", out.resolve(JUnitXmlReport.FILE_NAME).toAbsolutePath(), out.resolve("index.html").toAbsolutePath());
        return passed == results.size() ? ExitCodes.OK : ExitCodes.CRITERIA_FAILED;
    }
}
