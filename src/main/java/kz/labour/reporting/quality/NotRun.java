package kz.labour.reporting.quality;

/** A rule of a stage that could not run this time, and why (e.g. too little history). */
public record NotRun(String rule, String reason) {
}
