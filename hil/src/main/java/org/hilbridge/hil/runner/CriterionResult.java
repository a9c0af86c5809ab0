package org.hilbridge.hil.runner;

/** One pass/fail criterion with what was measured and what was required, for the summary and reports. */
public record CriterionResult(String name, boolean passed, String measured, String required) {
}
