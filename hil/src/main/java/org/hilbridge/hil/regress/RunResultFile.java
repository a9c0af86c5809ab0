package org.hilbridge.hil.regress;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.hilbridge.hil.runner.CriterionResult;

/**
 * A run's result as a properties file ({@code runs/NAME/result.properties} under --out), so that shards run
 * on other machines merge into one report. Keys are sorted when written, so a file is stable.
 */
public final class RunResultFile {
    public static final String FILE_NAME = "result.properties";
    private static final String FORMAT = "hilbridge-regress-result-1";

    private RunResultFile() {
    }

    public static void write(RunResult r, Path file) throws IOException {
        Map<String, String> p = new TreeMap<>();
        p.put("format", FORMAT);
        p.put("index", Integer.toString(r.index()));
        p.put("name", r.name());
        p.put("suite", r.suite());
        p.put("scenario", r.scenario());
        p.put("passed", Boolean.toString(r.passed()));
        p.put("sim_seconds", Double.toString(r.simSeconds()));
        p.put("wall_seconds", Double.toString(r.wallSeconds()));
        if (r.error() != null) {
            p.put("error", r.error());
        }
        putList(p, "sweep", new ArrayList<>(r.sweepValues().entrySet()), (k, e) -> {
            p.put(k + ".key", e.getKey());
            p.put(k + ".value", e.getValue());
        });
        putList(p, "criterion", r.criteria(), (k, c) -> {
            p.put(k + ".name", c.name());
            p.put(k + ".passed", Boolean.toString(c.passed()));
            p.put(k + ".measured", c.measured());
            p.put(k + ".required", c.required());
        });
        r.metrics().forEach((k, v) -> p.put("metric." + k, Double.toString(v)));
        putList(p, "image", new ArrayList<>(r.images().entrySet()), (k, e) -> {
            p.put(k + ".caption", e.getKey());
            p.put(k + ".file", e.getValue());
        });
        // Properties.store writes a date comment; write the sorted keys ourselves for a stable file.
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> e : p.entrySet()) {
                w.write(escape(e.getKey(), true) + "=" + escape(e.getValue(), false) + "\n");
            }
        }
    }

    public static RunResult read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        if (!FORMAT.equals(p.getProperty("format"))) {
            throw new IOException(file + ": not a hilbridge regress result (format '" + p.getProperty("format") + "', expected " + FORMAT + ")");
        }
        Map<String, String> sweep = new LinkedHashMap<>();
        for (int i = 0; p.containsKey(key("sweep", i) + ".key"); i++) {
            sweep.put(p.getProperty(key("sweep", i) + ".key"), p.getProperty(key("sweep", i) + ".value"));
        }
        List<CriterionResult> criteria = new ArrayList<>();
        for (int i = 0; p.containsKey(key("criterion", i) + ".name"); i++) {
            String k = key("criterion", i);
            criteria.add(new CriterionResult(p.getProperty(k + ".name"), Boolean.parseBoolean(p.getProperty(k + ".passed")),
                    p.getProperty(k + ".measured"), p.getProperty(k + ".required")));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String m : RunResult.METRICS) {
            String v = p.getProperty("metric." + m);
            if (v != null) {
                metrics.put(m, Double.parseDouble(v));
            }
        }
        Map<String, String> images = new LinkedHashMap<>();
        for (int i = 0; p.containsKey(key("image", i) + ".caption"); i++) {
            images.put(p.getProperty(key("image", i) + ".caption"), p.getProperty(key("image", i) + ".file"));
        }
        return new RunResult(Integer.parseInt(p.getProperty("index")), p.getProperty("name"), p.getProperty("suite"), p.getProperty("scenario"),
                sweep, Boolean.parseBoolean(p.getProperty("passed")), criteria, Double.parseDouble(p.getProperty("sim_seconds")),
                Double.parseDouble(p.getProperty("wall_seconds")), p.getProperty("error"), metrics, images);
    }

    /** Every result under the run folders of these --out folders, in expansion order; a run present twice is refused. */
    public static List<RunResult> readAll(List<Path> outDirs) throws IOException {
        Map<String, RunResult> byName = new TreeMap<>();
        for (Path dir : outDirs) {
            Path runs = dir.resolve("runs");
            if (!Files.isDirectory(runs)) {
                throw new IOException(dir + ": no runs/ folder (is it the --out of a `hilbridge regress` run?)");
            }
            try (var list = Files.list(runs)) {
                for (Path f : list.map(d -> d.resolve(FILE_NAME)).filter(Files::isRegularFile).toList()) {
                    RunResult r = read(f);
                    if (byName.put(r.name(), r) != null) {
                        throw new IOException("run " + r.name() + " is in more than one of " + outDirs + ": merge each shard once");
                    }
                }
            }
        }
        List<RunResult> out = new ArrayList<>(byName.values());
        out.sort(java.util.Comparator.comparingInt(RunResult::index));
        return out;
    }

    private static String key(String list, int i) {
        return String.format("%s.%03d", list, i);
    }

    private static <T> void putList(Map<String, String> p, String list, List<T> items, java.util.function.BiConsumer<String, T> put) {
        for (int i = 0; i < items.size(); i++) {
            put.accept(key(list, i), items.get(i));
        }
    }

    /** Escapes as java.util.Properties reads it (its load(Reader) rules). */
    private static String escape(String s, boolean key) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '=', ':', '#', '!' -> b.append('\\').append(c);
                case ' ' -> b.append(key || i == 0 ? "\\ " : " ");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
