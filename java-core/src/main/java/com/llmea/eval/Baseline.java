package com.llmea.eval;

import java.util.Arrays;

/** The naive forecasts a model has to beat, computed from the same prompt closes the model sees. */
public enum Baseline {
    /** The last close repeated (persistence, the random-walk forecast): the yardstick of the skill score. */
    PERSISTENCE("last value") {
        @Override
        public double[] forecast(double[] prompt, int horizon) {
            double[] f = new double[horizon];
            Arrays.fill(f, prompt[prompt.length - 1]);
            return f;
        }
    },
    /** The drift method: the line through the first and last prompt close, extended (last + h * slope). */
    DRIFT("linear drift") {
        @Override
        public double[] forecast(double[] prompt, int horizon) {
            int n = prompt.length;
            double last = prompt[n - 1];
            double slope = n > 1 ? (last - prompt[0]) / (n - 1) : 0;
            double[] f = new double[horizon];
            for (int h = 0; h < horizon; h++) {
                f[h] = last + (h + 1) * slope;
            }
            return f;
        }
    },
    /** The mean of the prompt closes repeated. */
    MEAN("mean of prompt") {
        @Override
        public double[] forecast(double[] prompt, int horizon) {
            double s = 0;
            for (double p : prompt) {
                s += p;
            }
            double[] f = new double[horizon];
            Arrays.fill(f, s / prompt.length);
            return f;
        }
    };

    private final String label;

    Baseline(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public abstract double[] forecast(double[] prompt, int horizon);
}
