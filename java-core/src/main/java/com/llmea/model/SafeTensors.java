package com.llmea.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes the safetensors format (8-byte little-endian header length, JSON header, raw little-endian
 * data) exactly as Python's {@code safetensors} does, including {@code __metadata__ = {"format":"pt"}}.
 */
public final class SafeTensors {
    private SafeTensors() {
    }

    /** One tensor's entry in the header. */
    public record Entry(String name, String dtype, long[] shape, long begin, long end) {
    }

    /** The header's tensor entries, in file order. */
    public static List<Entry> readHeader(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return header(ch, file);
        }
    }

    private static List<Entry> header(FileChannel ch, Path file) throws IOException {
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, lenBuf, 0, file);
        long n = lenBuf.flip().getLong();
        if (n <= 0 || n > 100_000_000L || 8 + n > ch.size()) {
            throw new IOException(file + ": not a safetensors file (header length " + n + ")");
        }
        ByteBuffer hb = ByteBuffer.allocate((int) n);
        readFully(ch, hb, 8, file);
        JsonObject h;
        try {
            h = JsonParser.parseString(new String(hb.array(), StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IOException(file + ": bad safetensors header: " + e.getMessage(), e);
        }
        List<Entry> out = new ArrayList<>();
        long dataStart = 8 + n;
        for (Map.Entry<String, JsonElement> e : h.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            JsonObject t = e.getValue().getAsJsonObject();
            JsonArray s = t.getAsJsonArray("shape");
            long[] shape = new long[s.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = s.get(i).getAsLong();
            }
            JsonArray off = t.getAsJsonArray("data_offsets");
            long b = off.get(0).getAsLong() + dataStart, en = off.get(1).getAsLong() + dataStart;
            if (en > ch.size() || b > en) {
                throw new IOException(file + ": tensor " + e.getKey() + " lies outside the file");
            }
            out.add(new Entry(e.getKey(), t.get("dtype").getAsString(), shape, b, en));
        }
        return out;
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos, Path file) throws IOException {
        while (buf.hasRemaining()) {
            int r = ch.read(buf, pos);
            if (r < 0) {
                throw new IOException(file + ": truncated safetensors file");
            }
            pos += r;
        }
    }

    public static DataType dataType(String st) {
        switch (st) {
            case "F32":
                return DataType.FLOAT32;
            case "F16":
                return DataType.FLOAT16;
            case "BF16":
                return DataType.BFLOAT16;
            case "F64":
                return DataType.FLOAT64;
            case "I64":
                return DataType.INT64;
            case "I32":
                return DataType.INT32;
            case "I8":
                return DataType.INT8;
            case "U8":
                return DataType.UINT8;
            case "BOOL":
                return DataType.BOOLEAN;
            default:
                throw new IllegalArgumentException("unsupported safetensors dtype " + st);
        }
    }

    public static String dtypeName(DataType t) {
        switch (t) {
            case FLOAT32:
                return "F32";
            case FLOAT16:
                return "F16";
            case BFLOAT16:
                return "BF16";
            case FLOAT64:
                return "F64";
            case INT64:
                return "I64";
            case INT32:
                return "I32";
            case INT8:
                return "I8";
            case UINT8:
                return "U8";
            case BOOLEAN:
                return "BOOL";
            default:
                throw new IllegalArgumentException("unsupported dtype for safetensors: " + t);
        }
    }

    /** Reads every tensor, in file order, into {@code manager}, keeping its stored dtype. */
    public static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
        Map<String, NDArray> out = new LinkedHashMap<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (Entry e : header(ch, file)) {
                DataType dt = dataType(e.dtype());
                long count = new Shape(e.shape()).size();
                if (count * dt.getNumOfBytes() != e.end() - e.begin()) {
                    throw new IOException(file + ": tensor " + e.name() + " has " + (e.end() - e.begin())
                            + " bytes, expected " + count * dt.getNumOfBytes());
                }
                ByteBuffer buf = ByteBuffer.allocateDirect((int) (e.end() - e.begin())).order(ByteOrder.LITTLE_ENDIAN);
                readFully(ch, buf, e.begin(), file);
                buf.flip();
                if (dt == DataType.BFLOAT16) {
                    // DJL 0.33's PyTorch engine aborts on bfloat16 arrays: widen to float32 here (exact)
                    buf = bf16ToF32(buf, (int) count);
                    dt = DataType.FLOAT32;
                }
                NDArray a = manager.create(buf, new Shape(e.shape()), dt);
                a.setName(e.name());
                out.put(e.name(), a);
            }
        }
        return out;
    }

    /** bfloat16 is the upper half of a float32: widening is a 16-bit shift. */
    static ByteBuffer bf16ToF32(ByteBuffer src, int count) {
        ByteBuffer out = ByteBuffer.allocateDirect(count * 4).order(ByteOrder.nativeOrder());
        for (int i = 0; i < count; i++) {
            out.putInt((src.getShort() & 0xffff) << 16);
        }
        out.flip();
        return out;
    }

    /** Writes the tensors sorted by name, with {@code __metadata__ = {"format":"pt"}}. */
    public static void write(Path file, Map<String, NDArray> tensors) throws IOException {
        Map<String, NDArray> sorted = new TreeMap<>(tensors);
        JsonObject header = new JsonObject();
        JsonObject meta = new JsonObject();
        meta.addProperty("format", "pt");
        header.add("__metadata__", meta);
        long off = 0;
        for (Map.Entry<String, NDArray> e : sorted.entrySet()) {
            NDArray a = e.getValue();
            long bytes = a.size() * a.getDataType().getNumOfBytes();
            JsonObject t = new JsonObject();
            t.addProperty("dtype", dtypeName(a.getDataType()));
            JsonArray s = new JsonArray();
            for (long d : a.getShape().getShape()) {
                s.add(d);
            }
            t.add("shape", s);
            JsonArray o = new JsonArray();
            o.add(off);
            o.add(off + bytes);
            t.add("data_offsets", o);
            header.add(e.getKey(), t);
            off += bytes;
        }
        byte[] hj = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (hj.length + 7) / 8 * 8;
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
             java.nio.channels.WritableByteChannel wc = java.nio.channels.Channels.newChannel(out)) {
            ByteBuffer lb = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(lb.array());
            out.write(hj);
            for (int i = hj.length; i < padded; i++) {
                out.write(' ');
            }
            for (NDArray a : sorted.values()) {
                ByteBuffer bb = a.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
                    throw new IOException("big-endian machines are not supported");
                }
                while (bb.hasRemaining()) {
                    wc.write(bb);
                }
            }
        }
    }
}
