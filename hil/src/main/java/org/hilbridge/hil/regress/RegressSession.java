package org.hilbridge.hil.regress;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a suite's selected runs, {@code jobs} at a time in this JVM (each run has its own runner and its own
 * ephemeral ports), with a progress bar, and writes the reports under {@code out}: runs/NAME/ (result and
 * PNGs), junit.xml and index.html. {@link #merge} joins the --out folders of several shards.
 */
public final class RegressSession {
    public static final String RUNS = "runs";

    private final RegressPlan plan;
    private final PrintStream progress;
    private final boolean images;

    public RegressSession(RegressPlan plan, PrintStream progress, boolean images) {
        this.plan = plan;
        this.progress = progress;
        this.images = images;
    }

    public List<RunResult> run(Suite suite, List<RunSpec> runs, Path out, int jobs) throws IOException, InterruptedException {
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs " + jobs + " is not allowed: it must be >= 1");
        }
        Files.createDirectories(out.resolve(RUNS));
        RunExecutor executor = new RunExecutor(plan, suite.name(), images);
        ProgressBar bar = new ProgressBar(progress, runs.size(), System::nanoTime);
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "regress-run");
            t.setDaemon(true);
            return t;
        });
        List<RunResult> results = new ArrayList<>();
        try {
            List<Future<RunResult>> futures = new ArrayList<>();
            for (RunSpec run : runs) {
                futures.add(pool.submit(() -> {
                    RunResult r = executor.execute(run, out.resolve(RUNS).resolve(run.name()));
                    bar.finished(r);
                    return r;
                }));
            }
            for (Future<RunResult> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    throw new IOException("a run could not write its result: " + e.getCause().getMessage(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        writeReports(suite.name(), results, out);
        return results;
    }

    /** Merges the results under each of {@code dirs} into {@code out} (run folders copied) and writes the reports there. */
    public static List<RunResult> merge(List<Path> dirs, Path out) throws IOException {
        List<RunResult> results = RunResultFile.readAll(dirs);
        if (results.isEmpty()) {
            throw new IOException("no run results under " + dirs);
        }
        String suite = results.get(0).suite();
        for (RunResult r : results) {
            if (!r.suite().equals(suite)) {
                throw new IOException("run " + r.name() + " is from suite " + r.suite() + ", not " + suite + ": merge shards of one suite");
            }
        }
        for (Path dir : dirs) {
            if (Files.isSameFile(Files.createDirectories(out), dir)) {
                continue;
            }
            try (var list = Files.list(dir.resolve(RUNS))) {
                for (Path runDir : list.filter(Files::isDirectory).toList()) {
                    copyFolder(runDir, out.resolve(RUNS).resolve(runDir.getFileName().toString()));
                }
            }
        }
        writeReports(suite, results, out);
        return results;
    }

    static void writeReports(String suite, List<RunResult> results, Path out) throws IOException {
        List<RunResult> ordered = new ArrayList<>(results);
        ordered.sort(java.util.Comparator.comparingInt(RunResult::index));
        JUnitXmlReport.write(suite, ordered, out.resolve(JUnitXmlReport.FILE_NAME));
        HtmlReport.write(suite, ordered, out.resolve(HtmlReport.FILE_NAME));
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
