package com.llmea.cli;

import com.llmea.data.BarFormat;
import com.llmea.data.BarReader;
import com.llmea.data.LoadedBars;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code llm-ea inspect FILE}: reads a price file and prints what was found, before anyone trains on it. */
@Command(name = "inspect",
        mixinStandardHelpOptions = true,
        description = "Read a price-history file and report rows, range, timeframe, digits, gaps, spread, "
                + "dropped rows and warnings. Bad data stops with the file, line and field.")
final class InspectCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE",
            description = "MT5 \"Export bars\", copy_rates CSV, MT4 history, Dukascopy or windows CSV.")
    Path file;

    @Option(names = "--format", paramLabel = "F", converter = FormatConverter.class,
            description = "Skip detection: mt5_export, mt5_rates, mt4_history, dukascopy or windows.")
    BarFormat format;

    @Option(names = "--symbol", paramLabel = "S", description = "Symbol name (default: from the file name).")
    String symbol;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LoadedBars bars = BarReader.read(file, format, symbol);
        spec.commandLine().getOut().print(bars.report().toText());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Accepts the names as a trader types them (mt5, rates, MT4_HISTORY, dukascopy ...). */
    static final class FormatConverter implements CommandLine.ITypeConverter<BarFormat> {
        @Override
        public BarFormat convert(String value) {
            try {
                return BarFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
