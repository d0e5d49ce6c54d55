package com.llmea.cli;

import picocli.CommandLine;

import java.io.UncheckedIOException;

/**
 * Turns an exception from a command into one clear line on stderr and exit code 1. Input errors
 * already name the file, line and field; a stack trace only with {@code LLMEA_DEBUG=1}.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        Throwable t = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        cl.getErr().println(cl.getColorScheme().errorText("error: " + msg));
        if ("1".equals(System.getenv("LLMEA_DEBUG"))) {
            t.printStackTrace(cl.getErr());
        }
        return 1;
    }
}
