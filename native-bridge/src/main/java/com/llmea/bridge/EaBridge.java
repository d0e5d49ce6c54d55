package com.llmea.bridge;

import com.llmea.strategy.Decision;
import com.llmea.strategy.Position;
import com.llmea.strategy.Side;
import com.llmea.strategy.Strategies;
import com.llmea.strategy.Strategy;
import com.llmea.strategy.StrategyConfig;
import com.llmea.util.Djl;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * The Java end of the native bridge (native-bridge/include/llmea.h): one instance per {@code llmea_open}
 * handle, called only from that handle's worker thread in the C library.
 *
 * <p>Every method returns a status code ({@code LLMEA_*}) and never throws: any Throwable becomes
 * {@link #ERR_JAVA} (or {@link #ERR_CONFIG} while opening) with a one-line message in {@link #error}.
 * Results are left in fields that the C side reads with {@code Get*Field}, which keeps a call cheap.
 * Nothing here calls {@code System.exit}.
 */
public final class EaBridge {
    public static final int OK = 0;
    public static final int ERR_ARGUMENT = -1;
    public static final int ERR_HANDLE = -2;
    public static final int ERR_CONFIG = -3;
    public static final int ERR_JVM = -4;
    public static final int ERR_JAVA = -5;

    /** The config key naming a Strategy class with a (StrategyConfig) or no-argument constructor. */
    public static final String STRATEGY_CLASS_KEY = "strategy.class";

    private static final int MAX_MESSAGE = 2000;

    // Read by the C side (field names and types are part of the contract with llmea.c).
    int status;
    String error = "";
    int lookback;
    int action;
    double volume;
    String reason = "";
    String forecast = "";

    private Strategy strategy;

    private EaBridge() {
    }

    /** Loads the config and opens its strategy. Always returns a session; see {@link #status} and {@link #error}. */
    public static EaBridge open(String configPath) {
        EaBridge b = new EaBridge();
        try {
            Djl.offline();
            if (Thread.currentThread().getContextClassLoader() == null) { // a thread attached from C has none
                Thread.currentThread().setContextClassLoader(EaBridge.class.getClassLoader());
            }
            StrategyConfig config = StrategyConfig.load(Path.of(configPath));
            Strategy s = create(config);
            int n = s.lookback();
            if (n < 1) {
                s.close();
                b.fail(ERR_CONFIG, "the strategy's lookback is " + n + "; it must be at least 1");
                return b;
            }
            b.strategy = s;
            b.lookback = n;
            b.status = OK;
        } catch (IOException | IllegalArgumentException | ClassNotFoundException | NoSuchMethodException e) {
            b.fail(ERR_CONFIG, e);
        } catch (Throwable t) {
            b.fail(ERR_JAVA, t);
        }
        return b;
    }

    /**
     * Creates the config's strategy: {@code strategy.class} (any Strategy with a (StrategyConfig) or no-argument
     * constructor), else the built-in ones through {@link Strategies#open}, the same factory the backtest uses.
     */
    static Strategy create(StrategyConfig config) throws Exception {
        ClassLoader loader = EaBridge.class.getClassLoader();
        String name = config.string(STRATEGY_CLASS_KEY, "");
        try {
            if (!name.isEmpty()) {
                Class<?> c = Class.forName(name, true, loader);
                if (!Strategy.class.isAssignableFrom(c)) {
                    throw new IllegalArgumentException(STRATEGY_CLASS_KEY + " " + name + " does not implement "
                            + Strategy.class.getName());
                }
                try {
                    return (Strategy) c.getConstructor(StrategyConfig.class).newInstance(config);
                } catch (NoSuchMethodException e) {
                    return (Strategy) c.getConstructor().newInstance();
                }
            }
            return Strategies.open(config);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw new RuntimeException(cause);
        }
    }

    /**
     * One decision. {@code closes} are the last {@link #lookback} closes (shift lookback..1, oldest first);
     * the array is the C side's and is reused, so a copy goes to the strategy.
     */
    public int onBar(long barTime, double[] closes, int side, double positionVolume, double positionPrice, int barsHeld) {
        action = 0;
        volume = 0;
        forecast = "";
        try {
            if (strategy == null) {
                return fail(ERR_HANDLE, "the strategy is closed");
            }
            Position position = side == Side.FLAT.code() ? Position.FLAT
                    : new Position(Side.ofCode(side), positionVolume, positionPrice, barsHeld);
            Decision d = strategy.onBar(barTime, closes.clone(), position);
            if (d == null || d.action() == null) {
                return fail(ERR_JAVA, strategy.getClass().getName() + ".onBar returned no decision");
            }
            if (!Double.isFinite(d.volume()) || d.volume() < 0) {
                return fail(ERR_JAVA, strategy.getClass().getName() + ".onBar returned volume " + d.volume());
            }
            reason = d.reason() == null ? "" : d.reason();
            forecast = format(d.forecast());
            action = d.action().code();
            volume = d.volume();
            return status = OK;
        } catch (Throwable t) {
            action = 0;
            volume = 0;
            forecast = "";
            return fail(ERR_JAVA, t);
        }
    }

    /** Closes the strategy; the session answers {@link #ERR_HANDLE} afterwards. */
    public void close() {
        Strategy s = strategy;
        strategy = null;
        if (s != null) {
            try {
                s.close();
            } catch (Throwable t) {
                fail(ERR_JAVA, t);
            }
        }
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public int lookback() {
        return lookback;
    }

    public int action() {
        return action;
    }

    public double volume() {
        return volume;
    }

    public String reason() {
        return reason;
    }

    public String forecast() {
        return forecast;
    }

    /** Forecast prices as space-separated shortest decimals ("1.17829 1.1783"), empty without a forecast. */
    static String format(double[] prices) {
        if (prices == null || prices.length == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder(prices.length * 8);
        for (double p : prices) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            if (Double.isFinite(p)) {
                sb.append(BigDecimal.valueOf(p).stripTrailingZeros().toPlainString());
            } else {
                sb.append(p);
            }
        }
        return sb.toString();
    }

    private int fail(int code, String message) {
        status = code;
        error = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
        return code;
    }

    private int fail(int code, Throwable t) {
        return fail(code, describe(t));
    }

    /** One line for the journal: the exception, its message, where it was thrown, and its causes. */
    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (Throwable c = t; c != null && depth < 4; c = c.getCause(), depth++) {
            if (depth > 0) {
                sb.append("; caused by ");
            }
            boolean plain = c.getClass() == IOException.class || c instanceof IllegalArgumentException;
            sb.append(plain && c.getMessage() != null ? c.getMessage() : c.toString());
            StackTraceElement[] st = c.getStackTrace();
            if (!plain && st.length > 0) {
                sb.append(" (at ").append(st[0]).append(')');
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return sb.toString().replace('\n', ' ').replace('\r', ' ');
    }
}
