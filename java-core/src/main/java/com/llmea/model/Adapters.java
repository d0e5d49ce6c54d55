package com.llmea.model;

import ai.djl.ndarray.NDArray;

/**
 * Where parameter-efficient fine-tuning plugs into {@link Gpt2#forward}: every Conv1D projection of a block
 * ({@code attn.c_attn}, {@code attn.c_proj}, {@code mlp.c_fc}, {@code mlp.c_proj}) goes through
 * {@link #conv1d}, and the outputs of the attention and MLP sub-layers (after their projection, before the
 * residual add) go through {@link #afterAttention} and {@link #afterMlp}. The defaults are the plain model.
 */
public interface Adapters {
    /** The plain model: no adapters. */
    Adapters NONE = new Adapters() {
    };

    /** {@code y = x W + b} for {@code module} (e.g. {@code attn.c_attn}) of block {@code layer}. */
    default NDArray conv1d(int layer, String module, NDArray x, NDArray weight, NDArray bias, boolean training) {
        return x.matMul(weight).add(bias);
    }

    /** The attention sub-layer's output of block {@code layer} before it is added to the residual stream. */
    default NDArray afterAttention(int layer, NDArray y, boolean training) {
        return y;
    }

    /** The MLP sub-layer's output of block {@code layer} before it is added to the residual stream. */
    default NDArray afterMlp(int layer, NDArray y, boolean training) {
        return y;
    }
}
