package org.hilbridge.tests.bench;

/** A benchmark run by {@code ./hilbridge bench [NAME]}; it prints through {@link BenchReport}. */
interface Benchmark {
    String name();

    String description();

    void run(BenchReport report) throws Exception;
}
