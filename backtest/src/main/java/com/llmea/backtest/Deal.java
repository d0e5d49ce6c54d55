package com.llmea.backtest;

import java.time.LocalDateTime;

/**
 * One row of MetaTrader 5's deal list, with the columns of the tester report and of {@code deals.csv}:
 * Time, Deal, Symbol, Type, Direction, Volume, Price, Order, Commission, Swap, Profit, Balance, Comment.
 * The first deal of a run is the {@link DealType#BALANCE} deposit.
 */
public record Deal(
        LocalDateTime time,
        long deal,
        String symbol,
        DealType type,
        DealEntry entry,
        double volume,
        double price,
        long order,
        double commission,
        double swap,
        double profit,
        double balance,
        String comment) {

    /** MetaTrader's "Type" column. */
    public enum DealType {
        BALANCE("balance"), BUY("buy"), SELL("sell");

        private final String label;

        DealType(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** MetaTrader's "Direction" column: in, out, in/out (a reversal on a netting account), or empty. */
    public enum DealEntry {
        IN("in"), OUT("out"), INOUT("in/out"), NONE("");

        private final String label;

        DealEntry(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Profit of the deal including its commission and swap, as MetaTrader sums it into the balance. */
    public double net() {
        return profit + commission + swap;
    }
}
