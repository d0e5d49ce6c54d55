package com.llmea.infer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code @ExtendWith(OneTorchThread.class)}: libtorch runs one intra-op thread for the test class and gets
 * its previous count back afterwards. Tiny models gain nothing from two threads, and on a busy machine one
 * thread is several times steadier.
 */
public final class OneTorchThread implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(OneTorchThread.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NS).put("threads", TorchThreads.set(1));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TorchThreads.set(context.getStore(NS).get("threads", Integer.class));
    }
}
