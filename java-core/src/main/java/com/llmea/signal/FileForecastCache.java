package com.llmea.signal;

import com.llmea.util.AtomicFiles;
import com.llmea.util.Sha256;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * A {@link ForecastCache} on disk (config key {@code forecast_cache = DIR}), shared by backtests and the EA.
 * Entries live under {@code DIR/<namespace hash>/}, where the namespace is the model hash plus every generation
 * setting ({@code Gpt2Forecaster.cacheNamespace()}), so another model or setting never sees them; inside, one file
 * per bar time and window of closes, named by a SHA-256 of the key.
 *
 * <p>Safe against concurrent writers and torn files: every entry is written to a temporary file and renamed into
 * place, so a reader sees a whole file or none, and two writers of the same key (which
 * compute the same forecast) simply replace each other. Each file repeats its full key and ends with a CRC-32; a
 * truncated, corrupt or foreign file is ignored (a miss: the forecast is recomputed and the file rewritten), never
 * an error. An in-memory index in front of the files answers repeated lookups without touching the disk.
 * Thread-safe.
 */
public final class FileForecastCache implements ForecastCache {
    private static final byte[] MAGIC = "LLMEAFC1".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_FILE = 16 << 20;

    private record Key(long barTime, double[] closes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.barTime == barTime && Arrays.equals(k.closes, closes);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(barTime) * 31 + Arrays.hashCode(closes);
        }
    }

    private final Path dir;
    private final String namespace;
    private final byte[] nsBytes;
    private final ConcurrentHashMap<Key, Forecast> memory = new ConcurrentHashMap<>();
    private final AtomicLong diskReads = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong writeErrors = new AtomicLong();
    private volatile String lastWriteError;

    /**
     * @param root      the cache directory ({@code forecast_cache})
     * @param namespace the model hash and generation settings the entries belong to
     */
    public FileForecastCache(Path root, String namespace) throws IOException {
        this.namespace = namespace;
        this.nsBytes = namespace.getBytes(StandardCharsets.UTF_8);
        this.dir = root.resolve(Sha256.of(nsBytes).substring(0, 16));
        Files.createDirectories(dir);
        Path about = dir.resolve("namespace.txt");
        if (!Files.isRegularFile(about)) {
            AtomicFiles.writeString(about, namespace + "\n");
        }
    }

    /** The folder holding this namespace's entries. */
    public Path directory() {
        return dir;
    }

    public String namespace() {
        return namespace;
    }

    @Override
    public Forecast get(long barTime, double[] closes) {
        Key k = new Key(barTime, closes);
        Forecast f = memory.get(k);
        if (f != null) {
            return f;
        }
        f = read(barTime, closes);
        if (f != null) {
            memory.put(new Key(barTime, closes.clone()), f);
        }
        return f;
    }

    @Override
    public void put(long barTime, double[] closes, Forecast forecast) {
        memory.put(new Key(barTime, closes.clone()), forecast);
        try {
            writeAtomically(file(barTime, closes), encode(barTime, closes, forecast));
        } catch (IOException e) {
            // the forecast is still served from memory; the file is simply not there next time
            writeErrors.incrementAndGet();
            lastWriteError = e.toString();
        }
    }

    /**
     * Temporary file, then rename: readers see the whole file or none. Unlike {@link AtomicFiles} there is no fsync
     * (it costs milliseconds per entry): after a power cut an entry may be lost or hold garbage, which its CRC turns
     * into a miss, and the forecast is simply computed again.
     */
    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + target.getFileName() + ".", ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Entries read from disk so far (memory misses that found a valid file). */
    public long diskReads() {
        return diskReads.get();
    }

    /** Files found but ignored: truncated, corrupt, or for another key. */
    public long ignoredFiles() {
        return ignored.get();
    }

    /** Entries that could not be written (each still served from memory), and the last error. */
    public long writeErrors() {
        return writeErrors.get();
    }

    public String lastWriteError() {
        return lastWriteError;
    }

    /** The file of one entry: {@code <2 hex>/<38 hex>.fc} from the SHA-256 of namespace, bar time and closes. */
    public Path file(long barTime, double[] closes) {
        MessageDigest md = Sha256.newDigest();
        md.update(nsBytes);
        ByteBuffer b = ByteBuffer.allocate(8 + 4 + 8 * closes.length);
        b.putLong(barTime).putInt(closes.length);
        for (double c : closes) {
            b.putLong(Double.doubleToLongBits(c));
        }
        md.update(b.array());
        String hex = HexFormat.of().formatHex(md.digest());
        return dir.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 40) + ".fc");
    }

    private Forecast read(long barTime, double[] closes) {
        Path f = file(barTime, closes);
        byte[] bytes;
        try {
            if (Files.size(f) > MAX_FILE) {
                ignored.incrementAndGet();
                return null;
            }
            bytes = Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            ignored.incrementAndGet();
            return null;
        }
        Forecast fc = decode(bytes, barTime, closes);
        if (fc == null) {
            ignored.incrementAndGet();
        } else {
            diskReads.incrementAndGet();
        }
        return fc;
    }

    /** magic, payload length, payload, CRC-32 of the payload. */
    byte[] encode(long barTime, double[] closes, Forecast f) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream(256 + 8 * (closes.length + f.closes().length));
        DataOutputStream d = new DataOutputStream(payload);
        bytes(d, nsBytes);
        d.writeLong(barTime);
        doubles(d, closes);
        doubles(d, f.closes());
        d.writeInt(f.parsedCount());
        bytes(d, f.reason().getBytes(StandardCharsets.UTF_8));
        bytes(d, f.text().getBytes(StandardCharsets.UTF_8));
        d.flush();
        byte[] p = payload.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(p);
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + p.length + 4);
        out.put(MAGIC).putInt(p.length).put(p).putInt((int) crc.getValue());
        return out.array();
    }

    /** The forecast in {@code bytes} if they are whole, intact and for exactly this key; else null. */
    Forecast decode(byte[] bytes, long barTime, double[] closes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            byte[] magic = new byte[MAGIC.length];
            b.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                return null;
            }
            int len = b.getInt();
            if (len < 0 || len != b.remaining() - 4) {
                return null; // truncated or padded
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, b.position(), len);
            if ((int) crc.getValue() != ByteBuffer.wrap(bytes, b.position() + len, 4).getInt()) {
                return null;
            }
            if (!Arrays.equals(readBytes(b), nsBytes) || b.getLong() != barTime
                    || !Arrays.equals(readDoubles(b), closes)) {
                return null; // another key with the same file name: not ours
            }
            double[] fc = readDoubles(b);
            int parsed = b.getInt();
            String reason = new String(readBytes(b), StandardCharsets.UTF_8);
            String text = new String(readBytes(b), StandardCharsets.UTF_8);
            return new Forecast(fc, parsed, reason, text);
        } catch (BufferUnderflowException | IllegalArgumentException | NegativeArraySizeException e) {
            return null;
        }
    }

    private static void bytes(DataOutputStream d, byte[] b) throws IOException {
        d.writeInt(b.length);
        d.write(b);
    }

    private static void doubles(DataOutputStream d, double[] v) throws IOException {
        d.writeInt(v.length);
        for (double x : v) {
            d.writeDouble(x);
        }
    }

    private static byte[] readBytes(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0 || n > b.remaining()) {
            throw new IllegalArgumentException("bad length");
        }
        byte[] r = new byte[n];
        b.get(r);
        return r;
    }

    private static double[] readDoubles(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0 || n > b.remaining() / 8) {
            throw new IllegalArgumentException("bad length");
        }
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = b.getDouble();
        }
        return r;
    }
}
