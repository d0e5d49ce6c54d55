package com.llmea.cli;

import com.llmea.tokenizer.Gpt2TokenizerImporter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code llm-ea tokenizer import}: builds a GPT-2 tokenizer.json from vocab.json + merges.txt. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {
            "Build a GPT-2 tokenizer.json (Hugging Face tokenizers format, the hub's gpt2 layout) from the classic "
                    + "vocabulary and merges files: vocab.json + merges.txt, or OpenAI's encoder.json + vocab.bpe.",
            "OUT is a file, or a folder (existing, or a new path not ending in .json) that gets OUT/tokenizer.json."},
        footer = {"", "Example: llm-ea tokenizer import --vocab encoder.json --merges vocab.bpe models/gpt2"})
public final class TokenizerImportCommand implements Callable<Integer> {
    @Option(names = "--vocab", paramLabel = "FILE", description = "vocab.json or encoder.json (token -> id)")
    Path vocab;

    @Option(names = "--merges", paramLabel = "FILE", description = "merges.txt or vocab.bpe (one merge 'a b' a line)")
    Path merges;

    @Option(names = "--from", paramLabel = "DIR",
            description = "folder holding vocab.json/encoder.json and merges.txt/vocab.bpe (instead of --vocab/--merges)")
    Path from;

    @Parameters(index = "0", paramLabel = "OUT", description = "tokenizer.json to write, or a folder for it")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path v = vocab;
        Path m = merges;
        if (from != null) {
            v = v != null ? v : Gpt2TokenizerImporter.findVocab(from);
            m = m != null ? m : Gpt2TokenizerImporter.findMerges(from);
        }
        if (v == null || m == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give --vocab FILE and --merges FILE (or --from DIR)");
        }
        Gpt2TokenizerImporter.Imported r = Gpt2TokenizerImporter.importFiles(v, m, out);
        spec.commandLine().getOut().printf("wrote %s (vocabulary %d, merges %d, <|endoftext|> = %d)%n",
                r.file(), r.vocabSize(), r.merges(), r.endOfTextId());
        return 0;
    }
}
