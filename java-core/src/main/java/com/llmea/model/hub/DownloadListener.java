package com.llmea.model.hub;

/** Progress of {@link HubDownloader}; the command line draws a progress bar from it. All methods are optional. */
public interface DownloadListener {
    DownloadListener NONE = new DownloadListener() {
    };

    /** A line for the user (skipped files, retries, fallbacks). */
    default void message(String line) {
    }

    /**
     * A transfer of {@code file} starts (again, on a retry); {@code have} bytes are already on disk (resume),
     * {@code total} is the full size or -1 when unknown.
     */
    default void started(String file, long have, long total) {
    }

    /** {@code bytes} of {@code file} are on disk now (including the resumed part). */
    default void progress(String file, long bytes) {
    }

    /** The transfer of {@code file} ended (successfully or not). */
    default void stopped(String file) {
    }
}
