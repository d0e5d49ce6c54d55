package com.llmea.backtest;

import java.time.DayOfWeek;

/**
 * The symbol and account specification the tester trades with (MetaTrader's symbol properties).
 *
 * @param name             symbol name written into deals
 * @param digits           price digits; point = 10^-digits
 * @param contractSize     units per lot (100,000 for FX)
 * @param volumeMin        smallest order volume, lots
 * @param volumeStep       volume step, lots
 * @param volumeMax        largest order volume, lots
 * @param baseCurrency     e.g. EUR of EURUSD (may be empty for non-FX)
 * @param profitCurrency   the currency prices are quoted in (USD of EURUSD)
 * @param accountCurrency  the deposit currency
 * @param conversionRate   profit currency → account currency, for crosses (neither currency is the account's)
 * @param commissionPerLot money charged per lot on every deal (each side), account currency, ≥ 0
 * @param swapLong         money per lot per night for a long position (negative = charged)
 * @param swapShort        money per lot per night for a short position
 * @param tripleSwapDay    the weekday whose rollover charges three nights
 */
public record SymbolSpec(
        String name,
        int digits,
        double contractSize,
        double volumeMin,
        double volumeStep,
        double volumeMax,
        String baseCurrency,
        String profitCurrency,
        String accountCurrency,
        double conversionRate,
        double commissionPerLot,
        double swapLong,
        double swapShort,
        DayOfWeek tripleSwapDay) {

    public SymbolSpec {
        if (digits < 0 || digits > 8) {
            throw new IllegalArgumentException("digits must be 0..8, got " + digits);
        }
        if (!(contractSize > 0) || !(volumeMin > 0) || !(volumeStep > 0) || !(volumeMax >= volumeMin)) {
            throw new IllegalArgumentException("contract size, volume min/step must be > 0 and volume max >= min");
        }
        if (commissionPerLot < 0) {
            throw new IllegalArgumentException("commission per lot is a positive amount charged, got " + commissionPerLot);
        }
    }

    /**
     * An FX symbol with MetaTrader's usual defaults: contract 100,000, volume 0.01..100 step 0.01, base and
     * quote currencies from the first six letters of the name (EURUSD → EUR, USD), account in USD, no
     * commission or swap, triple swap on Wednesday.
     */
    public static SymbolSpec forex(String name, int digits) {
        String letters = name == null ? "" : name.replaceAll("[^A-Za-z]", "").toUpperCase(java.util.Locale.ROOT);
        String base = letters.length() >= 6 ? letters.substring(0, 3) : "";
        String quote = letters.length() >= 6 ? letters.substring(3, 6) : "USD";
        return new SymbolSpec(name, digits, 100_000, 0.01, 0.01, 100, base, quote, "USD", 0, 0, 0, 0, DayOfWeek.WEDNESDAY);
    }

    /** 10^-digits, the double nearest to the decimal (0.00001 for 5 digits). */
    public double point() {
        return java.math.BigDecimal.ONE.movePointLeft(digits).doubleValue();
    }

    /** How a profit in the profit currency becomes account money. */
    public Conversion conversion() {
        if (profitCurrency.equalsIgnoreCase(accountCurrency)) {
            return Conversion.DIRECT;
        }
        if (baseCurrency.equalsIgnoreCase(accountCurrency)) {
            return Conversion.VIA_PRICE;
        }
        return Conversion.FIXED_RATE;
    }

    public enum Conversion {
        /** quote currency = account currency: profit as is */
        DIRECT,
        /** base currency = account currency: profit divided by the deal's fill price */
        VIA_PRICE,
        /** a cross: profit times {@link #conversionRate} */
        FIXED_RATE
    }

    public SymbolSpec withAccount(String currency, double rate) {
        return new SymbolSpec(name, digits, contractSize, volumeMin, volumeStep, volumeMax, baseCurrency, profitCurrency,
                currency, rate, commissionPerLot, swapLong, swapShort, tripleSwapDay);
    }

    public SymbolSpec withCosts(double commission, double swapL, double swapS, DayOfWeek triple) {
        return new SymbolSpec(name, digits, contractSize, volumeMin, volumeStep, volumeMax, baseCurrency, profitCurrency,
                accountCurrency, conversionRate, commission, swapL, swapS, triple);
    }

    public SymbolSpec withVolumes(double contract, double min, double step, double max) {
        return new SymbolSpec(name, digits, contract, min, step, max, baseCurrency, profitCurrency, accountCurrency,
                conversionRate, commissionPerLot, swapLong, swapShort, tripleSwapDay);
    }
}
