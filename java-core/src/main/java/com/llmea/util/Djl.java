package com.llmea.util;

/**
 * Keeps DJL off the network. DJL probes a cloud metadata address and its model zoo at start-up unless
 * these are set before any DJL class loads, so every entry point (CLI main, bridge, tests) calls
 * {@link #offline()} first.
 */
public final class Djl {
    private Djl() {
    }

    public static void offline() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        // DJL would otherwise download a libtorch matching PYTORCH_VERSION; the native jar on the class path is used.
        System.clearProperty("PYTORCH_VERSION");
        System.clearProperty("PYTORCH_FLAVOR");
    }
}
