package org.hilbridge.hil.regress;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.hilbridge.hil.runner.CriterionResult;

/**
 * Writes the results as JUnit XML in the shape CI systems read (Ant's XMLJUnitResultFormatter, described
 * by the junit-4 XSD that Jenkins' xUnit plugin ships): {@code testsuites > testsuite > testcase}, one
 * testcase per run, {@code <failure>} for a run that failed a criterion (message: every failed criterion with
 * its measured and required value), {@code <error>} for a run that could not complete.
 */
public final class JUnitXmlReport {
    public static final String FILE_NAME = "junit.xml";

    private JUnitXmlReport() {
    }

    public static void write(String suiteName, List<RunResult> results, Path file) throws IOException {
        long errors = results.stream().filter(r -> r.error() != null).count();
        long failures = results.stream().filter(r -> !r.passed() && r.error() == null).count();
        String time = seconds(results.stream().mapToDouble(RunResult::wallSeconds).sum());
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuites");
            w.writeAttribute("name", suiteName);
            attributes(w, results.size(), failures, errors, time);
            w.writeCharacters("\n  ");
            w.writeStartElement("testsuite");
            w.writeAttribute("name", suiteName);
            attributes(w, results.size(), failures, errors, time);
            w.writeAttribute("skipped", "0");
            for (RunResult r : results) {
                w.writeCharacters("\n    ");
                w.writeStartElement("testcase");
                w.writeAttribute("name", r.name());
                w.writeAttribute("classname", "hilbridge.regress." + suiteName + "." + r.scenario());
                w.writeAttribute("time", seconds(r.wallSeconds()));
                if (r.error() != null) {
                    w.writeCharacters("\n      ");
                    w.writeStartElement("error");
                    w.writeAttribute("message", r.error());
                    w.writeAttribute("type", "run_error");
                    w.writeCharacters(details(r));
                    w.writeEndElement();
                } else if (!r.passed()) {
                    w.writeCharacters("\n      ");
                    w.writeStartElement("failure");
                    w.writeAttribute("message", failureMessage(r));
                    w.writeAttribute("type", "criteria");
                    w.writeCharacters(details(r));
                    w.writeEndElement();
                }
                w.writeCharacters("\n      ");
                w.writeStartElement("system-out");
                w.writeCharacters(details(r));
                w.writeEndElement();
                w.writeCharacters("\n    ");
                w.writeEndElement();
            }
            w.writeCharacters("\n  ");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IOException(file + ": cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    /** Each failed criterion: {@code name: measured (required)}, joined by "; ". */
    public static String failureMessage(RunResult r) {
        List<CriterionResult> failed = r.failed();
        if (failed.isEmpty()) {
            return "the run did not pass (stopped or overran)";
        }
        return failed.stream().map(c -> c.name() + ": " + c.measured() + " (required " + c.required() + ")").collect(Collectors.joining("; "));
    }

    /** Every criterion with its verdict and measured value, and the sweep values, one per line. */
    static String details(RunResult r) {
        StringBuilder b = new StringBuilder();
        r.sweepValues().forEach((k, v) -> b.append("sweep ").append(k).append(" = ").append(v).append('\n'));
        for (CriterionResult c : r.criteria()) {
            b.append(c.passed() ? "PASS " : "FAIL ").append(c.name()).append(": ").append(c.measured()).append(" (required ").append(c.required())
                    .append(")\n");
        }
        return b.toString();
    }

    private static void attributes(XMLStreamWriter w, long tests, long failures, long errors, String time) throws XMLStreamException {
        w.writeAttribute("tests", Long.toString(tests));
        w.writeAttribute("failures", Long.toString(failures));
        w.writeAttribute("errors", Long.toString(errors));
        w.writeAttribute("time", time);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
