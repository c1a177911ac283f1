package io.github.seattleinstaller.runtime.benchmark;

import io.github.seattleinstaller.runtime.benchmark.ResourceFigure.Source;
import io.github.seattleinstaller.runtime.resources.Resource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResourceFigureTest {

    @Test
    void bigNumbersAreWrittenInFullAndFractionsInPlainDecimal() {
        assertEquals("16384000000", ResourceFigure.formatValue(1.6384e10));
        assertEquals("3700000000", ResourceFigure.formatValue(3_700_000_000.0));
        assertEquals("1.5", ResourceFigure.formatValue(1.5));
        assertEquals("0.0096", ResourceFigure.formatValue(0.0096));
        assertEquals("-3", ResourceFigure.formatValue(-3.0));
        assertEquals("NaN", ResourceFigure.formatValue(Double.NaN));
        assertEquals("1.0E300", ResourceFigure.formatValue(1e300));
    }

    @Test
    void aFigureDescribesItselfWithUnitSourceAndHow() {
        ResourceFigure figure = new ResourceFigure(Resource.MEMORY, 1.6384e10, Source.MEASURED, "total RAM (OSHI)");
        assertEquals("memory: 16384000000 bytes of RAM (measured: total RAM (OSHI))", figure.describe());
    }
}
