package com.llmea.train;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import com.llmea.model.Fixtures;
import com.llmea.model.Gpt2;
import com.llmea.model.Gpt2Config;
import com.llmea.model.ModelDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test inputs for training: a freshly initialised tiny base model and real EURUSD closes. */
final class TrainFixtures {
    private TrainFixtures() {
    }

    /** A tiny GPT-2 (64 wide, 2 layers, 4 heads, 256 positions) with HF-style init and the real GPT-2 tokenizer. */
    static Path tinyBase(Path dir, long seed) throws IOException {
        try (Gpt2 m = Gpt2.init(Gpt2Config.tiny(), seed, Device.cpu(), DataType.FLOAT32)) {
            ModelDir.save(m, dir, Fixtures.tinyGpt2().resolve(ModelDir.TOKENIZER));
        }
        return dir;
    }

    /** The <CLOSE> column of the MetaTrader M5 export (tab-separated, header line first). */
    static double[] eurusdCloses() throws IOException {
        Path csv = Path.of(System.getProperty("llmea.shared", "/work/shared"), "data", "P3dr7__Cruzamento-de-Medias",
                "EURUSD_M5.csv");
        List<String> lines = Files.readAllLines(csv);
        String[] head = lines.get(0).split("\t");
        int col = List.of(head).indexOf("<CLOSE>");
        List<Double> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                out.add(Double.parseDouble(lines.get(i).split("\t")[col]));
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
