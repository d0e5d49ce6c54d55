package com.llmea.strategy;

import com.llmea.signal.Direction;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PositionPolicyTest {
    static final double[] F = new double[0];
    static final Position LONG = new Position(Side.LONG, 0.2, 1.1, 3);
    static final Position SHORT = new Position(Side.SHORT, 0.2, 1.1, 3);

    static Decision d(PositionPolicy p, Direction s, Position pos) {
        return p.decide(s, pos, "r", F);
    }

    @Test
    void flatOpensInTheSignalsDirection() {
        PositionPolicy p = new PositionPolicy(0.1, false, 0, 0, 0);
        assertEquals(ActionType.OPEN_BUY, d(p, Direction.BUY, Position.FLAT).action());
        assertEquals(0.1, d(p, Direction.BUY, Position.FLAT).volume());
        assertEquals(ActionType.OPEN_SELL, d(p, Direction.SELL, Position.FLAT).action());
        assertEquals(ActionType.NONE, d(p, Direction.HOLD, Position.FLAT).action());
    }

    @Test
    void onePositionPerSymbol() {
        PositionPolicy p = new PositionPolicy(0.1, true, 0, 0, 0);
        assertEquals(ActionType.NONE, d(p, Direction.BUY, LONG).action());
        assertEquals(ActionType.NONE, d(p, Direction.SELL, SHORT).action());
        assertEquals(ActionType.NONE, d(p, Direction.HOLD, LONG).action());
    }

    @Test
    void anOppositeSignalClosesOrWithReverseReverses() {
        PositionPolicy close = new PositionPolicy(0.1, false, 0, 0, 0);
        Decision c = d(close, Direction.SELL, LONG);
        assertEquals(ActionType.CLOSE, c.action());
        assertEquals(0.2, c.volume(), "closes the whole position");
        assertEquals("r; close on opposite signal", c.reason());
        assertEquals(ActionType.CLOSE, d(close, Direction.BUY, SHORT).action());

        PositionPolicy rev = new PositionPolicy(0.1, true, 0, 0, 0);
        Decision r = d(rev, Direction.SELL, LONG);
        assertEquals(ActionType.REVERSE, r.action());
        assertEquals(0.1, r.volume(), "the new position's volume");
        assertEquals(ActionType.REVERSE, d(rev, Direction.BUY, SHORT).action());
    }

    @Test
    void maxBarsClosesAPositionHeldThatLong() {
        PositionPolicy p = new PositionPolicy(0.1, false, 0, 0, 3);
        assertEquals(ActionType.NONE, d(p, Direction.HOLD, new Position(Side.LONG, 0.1, 1.1, 2)).action());
        Decision c = d(p, Direction.HOLD, new Position(Side.LONG, 0.1, 1.1, 3));
        assertEquals(ActionType.CLOSE, c.action());
        assertTrue(c.reason().endsWith("close: held 3 bars >= max_bars 3"), c.reason());
        assertEquals(ActionType.CLOSE, d(p, Direction.BUY, new Position(Side.LONG, 0.1, 1.1, 4)).action());
        // an opposite signal with reverse still reverses
        PositionPolicy rev = new PositionPolicy(0.1, true, 0, 0, 3);
        assertEquals(ActionType.REVERSE, d(rev, Direction.SELL, new Position(Side.LONG, 0.1, 1.1, 5)).action());
        // 0 = no limit
        assertEquals(ActionType.NONE, d(new PositionPolicy(0.1, false, 0, 0, 0), Direction.HOLD,
                new Position(Side.LONG, 0.1, 1.1, 10_000)).action());
    }

    @Test
    void readsItsKeysFromTheConfig() {
        PositionPolicy p = PositionPolicy.from(StrategyConfig.of(Map.of("lots", "0.25", "reverse", "yes",
                "stop_loss_points", "150", "take_profit_points", "300", "max_bars", "12")));
        assertEquals(new PositionPolicy(0.25, true, 150, 300, 12), p);
        assertEquals(new PositionPolicy(0.1, false, 0, 0, 0), PositionPolicy.from(StrategyConfig.of(Map.of())));
        assertThrows(IllegalArgumentException.class, () -> PositionPolicy.from(StrategyConfig.of(Map.of("lots", "0"))));
        assertThrows(IllegalArgumentException.class,
                () -> PositionPolicy.from(StrategyConfig.of(Map.of("max_bars", "-1"))));
    }
}
