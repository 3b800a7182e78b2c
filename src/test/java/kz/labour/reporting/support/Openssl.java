package kz.labour.reporting.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code openssl} binary, as the bureau or anyone else would check our signatures with stock
 * tools. Tests that use it fail (not skip) where it is missing: the system test installs it, and
 * "verifiable with openssl" is the claim under test.
 */
public final class Openssl {

    private Openssl() {
    }

    /** Exit code and everything printed (stdout and stderr together). */
    public record Result(int exitCode, String output) {

        public boolean ok() {
            return exitCode == 0;
        }
    }

    public static Result run(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("openssl did not finish: " + command);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run openssl (install it: apt-get install openssl): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code openssl cms -verify} of a detached DER signature over {@code content}, against {@code caPem} only. */
    public static Result verifyDetached(Path dir, String content, String signature, String caPem) {
        return run(dir, "cms", "-verify", "-binary", "-inform", "DER", "-in", signature, "-content", content,
                "-CAfile", caPem, "-purpose", "any", "-out", "/dev/null");
    }

    /** {@code openssl smime -verify} of a whole message file, against {@code caPem} only; the signed content goes to {@code out}. */
    public static Result verifySmime(Path dir, String message, String caPem, String out) {
        return run(dir, "smime", "-verify", "-in", message, "-CAfile", caPem, "-purpose", "any", "-out", out);
    }
}
