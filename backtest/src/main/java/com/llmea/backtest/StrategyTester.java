package com.llmea.backtest;

import com.llmea.backtest.Deal.DealEntry;
import com.llmea.backtest.Deal.DealType;
import com.llmea.data.BarSeries;
import com.llmea.strategy.Decision;
import com.llmea.strategy.Position;
import com.llmea.strategy.Side;
import com.llmea.strategy.Strategy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The MetaTrader 5 Strategy Tester in "Open prices only" mode, as documented in docs/parity.md: the
 * strategy decides once per bar at its open; market orders fill at the open (BUY at the Ask, SELL at the
 * Bid, Ask = Bid + spread × point with the last known positive spread when a bar's is 0); stop-loss and
 * take-profit fill at their own price when the bar's range reaches them; one position per symbol, netting
 * (a reversal is one in/out deal) or hedging (a reversal is an out deal and an in deal). Deterministic:
 * no clock, no randomness, no hash iteration.
 */
public final class StrategyTester {
    private static final int FLAT = 0, LONG = 1, SHORT = 2;
    private static final int PROGRESS_EVERY = 1 << 16;

    private final BarSeries bars;
    private final Strategy strategy;
    private final TesterSettings settings;
    private final SymbolSpec spec;
    private final int digits;
    private final double point;
    private final double scale;
    private final BigDecimal pointDec;
    private final BigDecimal contractDec;
    private final SymbolSpec.Conversion conversion;

    private final List<Deal> deals = new ArrayList<>();
    private double balance;
    private long nextDeal = 1;
    private long nextOrder = 2; // MetaTrader's tester numbers orders from 2 (deal #1 is the deposit)
    private int ignored;
    private int rejected;

    // the position on the symbol
    private int side = FLAT;
    private double volume;
    private double openPrice;
    private int openBar;
    private double sl;
    private double tp;
    private double swap;
    private BigDecimal volumeDec = BigDecimal.ZERO;

    private StrategyTester(BarSeries bars, Strategy strategy, TesterSettings settings) {
        this.bars = bars;
        this.strategy = strategy;
        this.settings = settings;
        this.spec = settings.spec();
        this.digits = spec.digits();
        this.pointDec = BigDecimal.ONE.movePointLeft(digits);
        this.point = pointDec.doubleValue();
        this.scale = BigDecimal.ONE.movePointRight(digits).doubleValue();
        this.contractDec = BigDecimal.valueOf(spec.contractSize());
        this.conversion = spec.conversion();
    }

    /** Replays {@code bars} through {@code strategy} with the tester's execution rules. */
    public static BacktestResult run(BarSeries bars, Strategy strategy, TesterSettings settings) {
        if (bars.digits() != settings.spec().digits()) {
            throw new IllegalArgumentException("the bars have " + bars.digits() + " digits but the symbol spec "
                    + settings.spec().digits());
        }
        return new StrategyTester(bars, strategy, settings).replay();
    }

    private BacktestResult replay() {
        int first = lowerBound(bars, settings.fromSeconds());
        int end = lowerBound(bars, settings.toSeconds());
        int lookback = strategy.lookback();
        int start = Math.max(first, lookback);
        if (start >= end) {
            throw new IllegalArgumentException("no bar to test: the interval holds " + Math.max(0, end - first)
                    + " bars and the strategy needs " + lookback + " bars of history before the first one");
        }

        balance = settings.deposit();
        long depositTime = settings.fromSeconds() != Long.MIN_VALUE ? settings.fromSeconds()
                : Math.floorDiv(bars.timeSeconds(start), 86_400L) * 86_400L;
        deals.add(new Deal(BarSeries.toTime(depositTime), nextDeal++, "", DealType.BALANCE, DealEntry.NONE, 0, 0, 0,
                0, 0, round2(balance), round2(balance), ""));

        strategy.prepare(bars, start, end);

        int lastSpread = 0;
        for (int i = 0; i < start; i++) {
            if (bars.spread(i) > 0) {
                lastSpread = bars.spread(i);
            }
        }
        int count = end - start;
        long[] tOut = new long[count];
        double[] balOut = new double[count];
        double[] eqOut = new double[count];
        double[] window = new double[lookback];
        TesterSettings.Progress progress = settings.progress();

        for (int i = start; i < end; i++) {
            int barSpread = bars.spread(i);
            int sp = barSpread > 0 ? barSpread : lastSpread;
            if (barSpread > 0) {
                lastSpread = barSpread;
            }
            long time = bars.timeSeconds(i);
            double bid = bars.open(i);
            double ask = norm(bid + sp * point);
            if (side != FLAT && i > 0) {
                rollover(bars.timeSeconds(i - 1), time);
            }
            if (side != FLAT && (sl > 0 || tp > 0)) {
                checkStopsAtOpen(i, bid, ask); // the bar's first tick reaches the stops before the EA runs
            }
            bars.copyCloses(i - lookback, window, 0, lookback);
            Decision d = strategy.onBar(time, window, position(i));
            execute(d, i, bid, ask);
            if (side != FLAT && (sl > 0 || tp > 0)) {
                checkStops(i, sp);
            }
            int k = i - start;
            tOut[k] = time;
            balOut[k] = balance;
            eqOut[k] = side == FLAT ? balance : balance + swap + floating(i, sp);
            if (progress != null && (k + 1) % PROGRESS_EVERY == 0) {
                progress.update(k + 1, count);
            }
        }
        if (side != FLAT) { // the tester closes what is left at the end of the test
            int i = end - 1;
            int sp = lastSpread;
            double price = side == LONG ? bars.close(i) : norm(bars.close(i) + sp * point);
            closeDeal(i, price, volume, "end of test", DealEntry.OUT);
            balOut[count - 1] = balance;
            eqOut[count - 1] = balance;
        }
        if (progress != null) {
            progress.update(count, count);
        }
        return new BacktestResult(spec, settings.deposit(), List.copyOf(deals), tOut, balOut, eqOut, ignored, rejected);
    }

    private Position position(int i) {
        if (side == FLAT) {
            return Position.FLAT;
        }
        return new Position(side == LONG ? Side.LONG : Side.SHORT, volume, openPrice, i - openBar);
    }

    private void execute(Decision d, int i, double bid, double ask) {
        switch (d.action()) {
            case NONE -> {
            }
            case OPEN_BUY, OPEN_SELL -> {
                if (side != FLAT) {
                    ignored++;
                    return;
                }
                double v = normalizeVolume(d.volume());
                if (v <= 0) {
                    rejected++;
                    return;
                }
                boolean buy = d.action() == com.llmea.strategy.ActionType.OPEN_BUY;
                openDeal(i, buy ? LONG : SHORT, v, buy ? ask : bid, DealEntry.IN);
            }
            case CLOSE -> {
                if (side == FLAT) {
                    ignored++;
                    return;
                }
                closeDeal(i, side == LONG ? bid : ask, volume, "", DealEntry.OUT);
            }
            case REVERSE -> {
                if (side == FLAT) {
                    ignored++;
                    return;
                }
                double v = normalizeVolume(d.volume());
                if (v <= 0) {
                    rejected++;
                    return;
                }
                int newSide = side == LONG ? SHORT : LONG;
                double price = side == LONG ? bid : ask;
                if (settings.hedging()) {
                    closeDeal(i, price, volume, "", DealEntry.OUT);
                    openDeal(i, newSide, v, price, DealEntry.IN);
                } else {
                    double total = addVolumes(volume, v);
                    if (total > spec.volumeMax() + 1e-9) {
                        rejected++;
                        return;
                    }
                    closeDeal(i, price, total, "", DealEntry.INOUT);
                    // the rest of the in/out deal opens the opposite position at the same price
                    setPosition(i, newSide, v, price);
                }
            }
        }
    }

    private void openDeal(int i, int newSide, double v, double price, DealEntry entry) {
        double commission = commission(v);
        balance = round2(balance + commission);
        deals.add(new Deal(bars.time(i), nextDeal++, spec.name(), newSide == LONG ? DealType.BUY : DealType.SELL, entry,
                v, price, nextOrder++, commission, 0, 0, balance, ""));
        setPosition(i, newSide, v, price);
    }

    private void setPosition(int i, int newSide, double v, double price) {
        side = newSide;
        volume = v;
        volumeDec = decimal(v);
        openPrice = price;
        openBar = i;
        swap = 0;
        int s = newSide == LONG ? 1 : -1;
        sl = settings.stopLossPoints() > 0 ? norm(price - s * settings.stopLossPoints() * point) : 0;
        tp = settings.takeProfitPoints() > 0 ? norm(price + s * settings.takeProfitPoints() * point) : 0;
    }

    /** Closes the position at {@code price}; {@code dealVolume} is larger than the position's on an in/out deal. */
    private void closeDeal(int i, double price, double dealVolume, String comment, DealEntry entry) {
        double profit = profit(side, volume, openPrice, price, bars.timeSeconds(i));
        double commission = commission(dealVolume);
        double sw = round2(swap);
        balance = round2(balance + profit + commission + sw);
        deals.add(new Deal(bars.time(i), nextDeal++, spec.name(), side == LONG ? DealType.SELL : DealType.BUY, entry,
                dealVolume, price, nextOrder++, commission, sw, profit, balance, comment));
        side = FLAT;
        volume = 0;
        openPrice = 0;
        sl = 0;
        tp = 0;
        swap = 0;
    }

    /**
     * SL/TP inside bar i. Long: SL when Bid low ≤ SL, TP when Bid high ≥ TP. Short: Ask = Bid + spread, SL when
     * high + spread ≥ SL, TP when low + spread ≤ TP. Both reached: a level the open is already beyond goes first,
     * else the tester's tick order (bullish bar: open, low, high, close; bearish: open, high, low, close).
     */
    private void checkStops(int i, int sp) {
        double spPx = sp * point;
        double o = bars.open(i), h = bars.high(i), l = bars.low(i);
        boolean slHit, tpHit;
        if (side == LONG) {
            slHit = sl > 0 && l <= sl;
            tpHit = tp > 0 && h >= tp;
        } else {
            slHit = sl > 0 && norm(h + spPx) >= sl;
            tpHit = tp > 0 && norm(l + spPx) <= tp;
        }
        if (!slHit && !tpHit) {
            return;
        }
        boolean useSl = slHit;
        if (slHit && tpHit) {
            if (side == LONG) {
                useSl = o <= sl || (!(o >= tp) && lowFirst(i));
            } else {
                double ao = norm(o + spPx);
                useSl = ao >= sl || (!(ao <= tp) && !lowFirst(i));
            }
        }
        double level = useSl ? sl : tp;
        closeDeal(i, level, volume, (useSl ? "sl " : "tp ") + format(level), DealEntry.OUT);
    }

    /** A gap: the open itself is at or beyond a level (long: Bid vs SL/TP; short: Ask). Fills at the level's own price. */
    private void checkStopsAtOpen(int i, double bid, double ask) {
        boolean slHit, tpHit;
        if (side == LONG) {
            slHit = sl > 0 && bid <= sl;
            tpHit = tp > 0 && bid >= tp;
        } else {
            slHit = sl > 0 && ask >= sl;
            tpHit = tp > 0 && ask <= tp;
        }
        if (slHit || tpHit) {
            double level = slHit ? sl : tp;
            closeDeal(i, level, volume, (slHit ? "sl " : "tp ") + format(level), DealEntry.OUT);
        }
    }

    /** The tester's generated path: a bullish bar visits its low first; a doji is taken opposite to the bar before. */
    private boolean lowFirst(int i) {
        double o = bars.open(i), c = bars.close(i);
        if (c != o) {
            return c > o;
        }
        boolean prevRising = i > 0 && bars.close(i - 1) > bars.open(i - 1);
        return !prevRising;
    }

    /** Swap for every rollover (00:00 server time) between two bars: Mon–Fri nights, three on the triple day. */
    private void rollover(long prevTime, long time) {
        long d0 = Math.floorDiv(prevTime, 86_400L), d1 = Math.floorDiv(time, 86_400L);
        double perLot = side == LONG ? spec.swapLong() : spec.swapShort();
        if (d1 == d0 || perLot == 0) {
            return;
        }
        int triple = spec.tripleSwapDay().ordinal();
        for (long d = d0; d < d1; d++) {
            int dow = (int) Math.floorMod(d + 3, 7L); // 1970-01-01 was a Thursday; 0 = Monday
            if (dow <= 4) {
                swap = round2(swap + swapForNights(perLot, dow == triple ? 3 : 1));
            }
        }
    }

    private double swapKeyPerLot = Double.NaN;
    private double swapKeyVolume = Double.NaN;
    private final double[] swapMoney = new double[4];

    /** perLot × volume × nights, rounded to the cent half away from zero; computed once per position size. */
    private double swapForNights(double perLot, int nights) {
        if (perLot != swapKeyPerLot || volume != swapKeyVolume) {
            swapKeyPerLot = perLot;
            swapKeyVolume = volume;
            BigDecimal one = BigDecimal.valueOf(perLot).multiply(volumeDec);
            swapMoney[1] = one.setScale(2, RoundingMode.HALF_UP).doubleValue();
            swapMoney[3] = one.multiply(BigDecimal.valueOf(3)).setScale(2, RoundingMode.HALF_UP).doubleValue();
        }
        return swapMoney[nights];
    }

    /** Realized profit in account money, rounded to the cent (half away from zero), computed exactly in decimal. */
    double profit(int posSide, double vol, double entry, double exit, long dealTime) {
        long points = Math.round((posSide == LONG ? exit - entry : entry - exit) * scale);
        BigDecimal v = vol == volume ? volumeDec : decimal(vol);
        BigDecimal p = BigDecimal.valueOf(points).multiply(pointDec).multiply(contractDec).multiply(v);
        p = switch (conversion) {
            case DIRECT -> p;
            case VIA_PRICE -> p.divide(BigDecimal.valueOf(exit), MathContext.DECIMAL64);
            case FIXED_RATE -> p.multiply(BigDecimal.valueOf(rate(dealTime)));
        };
        return p.setScale(2, RoundingMode.HALF_UP).doubleValue() + 0.0;
    }

    private double floating(int i, int sp) {
        double c = bars.close(i);
        double exit = side == LONG ? c : norm(c + sp * point);
        double pts = side == LONG ? exit - openPrice : openPrice - exit;
        double p = pts * spec.contractSize() * volume;
        return switch (conversion) {
            case DIRECT -> p;
            case VIA_PRICE -> p / exit;
            case FIXED_RATE -> p * rate(bars.timeSeconds(i));
        };
    }

    private double rate(long time) {
        if (settings.conversionSeries() != null) {
            return settings.conversionSeries().rate(time);
        }
        if (!(spec.conversionRate() > 0)) {
            throw new IllegalArgumentException(spec.name() + ": profit currency " + spec.profitCurrency()
                    + " is neither the account currency nor the base currency; set tester.conversion_rate or tester.conversion_bars");
        }
        return spec.conversionRate();
    }

    private double commissionLots = Double.NaN;
    private double commissionMoney;

    private double commission(double lots) {
        if (spec.commissionPerLot() == 0) {
            return 0;
        }
        if (lots != commissionLots) { // the same few volumes recur: compute each once
            commissionLots = lots;
            commissionMoney = -BigDecimal.valueOf(spec.commissionPerLot()).multiply(BigDecimal.valueOf(lots))
                    .setScale(2, RoundingMode.HALF_UP).doubleValue() + 0.0;
        }
        return commissionMoney;
    }

    /** The volume as the broker accepts it, or 0 when MetaTrader would reject it (not a step multiple, out of range). */
    private double lastVolumeIn = Double.NaN;
    private double lastVolumeOut;

    double normalizeVolume(double v) {
        if (v == lastVolumeIn) { // strategies send the same few volumes again and again
            return lastVolumeOut;
        }
        lastVolumeIn = v;
        lastVolumeOut = checkVolume(v);
        return lastVolumeOut;
    }

    private double checkVolume(double v) {
        if (!(v > 0)) {
            return 0;
        }
        long steps = Math.round(v / spec.volumeStep());
        double nv = BigDecimal.valueOf(steps).multiply(BigDecimal.valueOf(spec.volumeStep())).doubleValue();
        if (Math.abs(nv - v) > 1e-9 || nv < spec.volumeMin() - 1e-9 || nv > spec.volumeMax() + 1e-9) {
            return 0;
        }
        return nv;
    }

    private double addVolumes(double a, double b) {
        return decimal(a).add(decimal(b)).doubleValue();
    }

    private double decimalKey = Double.NaN;
    private BigDecimal decimalValue;
    private double decimalKey2 = Double.NaN;
    private BigDecimal decimalValue2;

    /** BigDecimal.valueOf for volumes, remembering the last two (its double-to-text step is the costly part). */
    private BigDecimal decimal(double v) {
        if (v == decimalKey) {
            return decimalValue;
        }
        if (v == decimalKey2) {
            return decimalValue2;
        }
        decimalKey2 = decimalKey;
        decimalValue2 = decimalValue;
        decimalKey = v;
        decimalValue = BigDecimal.valueOf(v);
        return decimalValue;
    }

    private double norm(double price) {
        return Math.round(price * scale) / scale;
    }

    private String format(double price) {
        return formatPrice(price, digits);
    }

    /** The price at {@code digits} decimals, e.g. 1.10010: what {@code String.format("%.5f")} prints, without its cost. */
    static String formatPrice(double price, int digits) {
        long v = Math.round(price * Math.pow(10, digits));
        String d = Long.toString(Math.abs(v));
        StringBuilder sb = new StringBuilder(d.length() + digits + 3);
        if (v < 0) {
            sb.append('-');
        }
        for (int k = d.length(); k <= digits; k++) {
            sb.append('0');
        }
        sb.append(d);
        if (digits > 0) {
            sb.insert(sb.length() - digits, '.');
        }
        return sb.toString();
    }

    static double round2(double v) {
        return Math.round(v * 100.0) / 100.0 + 0.0;
    }

    private static int lowerBound(BarSeries a, long key) {
        int lo = 0, hi = a.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a.timeSeconds(mid) < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
