package org.spatialx.formats.zarr;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decoding of Blosc 1 frames, the default compressor of zarr-python 2 and so of anndata's
 * {@code write_zarr} ({@code Blosc(cname="lz4", shuffle=SHUFFLE)}): LZ4 or zlib blocks, optionally
 * split per byte of the element, byte-unshuffled. Read only; other inner codecs (blosclz, snappy,
 * zstd) and bit shuffle are refused by name.
 */
final class Blosc {

    private static final int HEADER = 16;
    private static final int DO_SHUFFLE = 0x1;
    private static final int MEMCPYED = 0x2;
    private static final int DO_BITSHUFFLE = 0x4;
    private static final int DONT_SPLIT = 0x10;
    private static final int MAX_SPLITS = 16;
    private static final int MIN_BUFFERSIZE = 128;
    private static final String[] CODECS = {"blosclz", "lz4", "snappy", "zlib", "zstd"};

    private Blosc() {
    }

    /** The decoded bytes of one Blosc frame; {@code where} names the chunk in errors. */
    static byte[] decode(byte[] frame, String where) {
        if (frame.length < HEADER) {
            throw new ZarrException(where + ": Blosc frame of " + frame.length + " bytes has no header");
        }
        ByteBuffer in = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        int flags = frame[2] & 0xFF;
        int typesize = frame[3] & 0xFF;
        int size = in.getInt(4);
        int blocksize = in.getInt(8);
        byte[] out = new byte[size];
        if (size == 0) {
            return out;
        }
        if ((flags & MEMCPYED) != 0) {
            if (frame.length < HEADER + size) {
                throw new ZarrException(where + ": truncated uncompressed Blosc frame");
            }
            System.arraycopy(frame, HEADER, out, 0, size);
            return out;
        }
        int codec = (flags & 0xE0) >> 5;
        if (codec != 1 && codec != 3) {
            throw new ZarrException(where + ": Blosc with the inner codec '" + (codec < CODECS.length ? CODECS[codec]
                    : codec) + "' is not supported (lz4 or zlib); rewrite with compressor=numcodecs.Zlib()");
        }
        if ((flags & DO_BITSHUFFLE) != 0 && blocksize >= typesize) {
            throw new ZarrException(where + ": Blosc bit shuffle is not supported; rewrite with shuffle=Blosc.SHUFFLE "
                    + "or compressor=numcodecs.Zlib()");
        }
        if (blocksize <= 0 || typesize <= 0) {
            throw new ZarrException(where + ": corrupt Blosc header (block size " + blocksize + ", type size "
                    + typesize + ")");
        }
        boolean shuffle = (flags & DO_SHUFFLE) != 0 && typesize > 1;
        int blocks = (size + blocksize - 1) / blocksize;
        byte[] block = new byte[blocksize];
        for (int b = 0; b < blocks; b++) {
            int length = Math.min(blocksize, size - b * blocksize);
            boolean leftover = length < blocksize;
            int splits = (flags & DONT_SPLIT) == 0 && typesize <= MAX_SPLITS && blocksize / typesize >= MIN_BUFFERSIZE
                    && !leftover ? typesize : 1;
            int splitSize = length / splits;
            int offset = in.getInt(HEADER + 4 * b);
            int written = 0;
            for (int s = 0; s < splits; s++) {
                int compressed = in.getInt(offset);
                offset += 4;
                if (compressed < 0 || offset + compressed > frame.length) {
                    throw new ZarrException(where + ": corrupt Blosc block " + b);
                }
                if (compressed == splitSize) {
                    System.arraycopy(frame, offset, block, written, splitSize);
                } else if (codec == 1) {
                    lz4(frame, offset, compressed, block, written, splitSize, where);
                } else {
                    inflate(frame, offset, compressed, block, written, splitSize, where);
                }
                offset += compressed;
                written += splitSize;
            }
            int at = b * blocksize;
            if (shuffle) {
                int elements = length / typesize;
                for (int i = 0; i < elements; i++) {
                    for (int j = 0; j < typesize; j++) {
                        out[at + i * typesize + j] = block[j * elements + i];
                    }
                }
                int rest = length - elements * typesize;
                System.arraycopy(block, length - rest, out, at + length - rest, rest);
            } else {
                System.arraycopy(block, 0, out, at, length);
            }
        }
        return out;
    }

    /** An LZ4 block (no frame) of exactly {@code size} bytes. */
    static void lz4(byte[] src, int from, int length, byte[] dst, int at, int size, String where) {
        int in = from;
        int end = from + length;
        int out = at;
        int limit = at + size;
        try {
            while (in < end) {
                int token = src[in++] & 0xFF;
                int literals = token >>> 4;
                if (literals == 15) {
                    int more;
                    do {
                        more = src[in++] & 0xFF;
                        literals += more;
                    } while (more == 255);
                }
                if (out + literals > limit || in + literals > end) {
                    throw new ZarrException(where + ": corrupt LZ4 block (literals overrun)");
                }
                System.arraycopy(src, in, dst, out, literals);
                in += literals;
                out += literals;
                if (in >= end) {
                    break; // the last sequence has literals only
                }
                int offset = (src[in] & 0xFF) | (src[in + 1] & 0xFF) << 8;
                in += 2;
                int match = token & 15;
                if (match == 15) {
                    int more;
                    do {
                        more = src[in++] & 0xFF;
                        match += more;
                    } while (more == 255);
                }
                match += 4;
                int copy = out - offset;
                if (offset == 0 || copy < at || out + match > limit) {
                    throw new ZarrException(where + ": corrupt LZ4 block (bad match)");
                }
                for (int k = 0; k < match; k++) { // may overlap its own output: byte by byte
                    dst[out++] = dst[copy + k];
                }
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new ZarrException(where + ": truncated LZ4 block", e);
        }
        if (out != limit) {
            throw new ZarrException(where + ": LZ4 block decodes to " + (out - at) + " bytes, expected " + size);
        }
    }

    private static void inflate(byte[] src, int from, int length, byte[] dst, int at, int size, String where) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(src, from, length);
            int n = 0;
            while (n < size && !inflater.finished()) {
                int got = inflater.inflate(dst, at + n, size - n);
                if (got == 0 && inflater.needsInput()) {
                    break;
                }
                n += got;
            }
            if (n != size) {
                throw new ZarrException(where + ": zlib block inflates to " + n + " bytes, expected " + size);
            }
        } catch (DataFormatException e) {
            throw new ZarrException(where + ": corrupt zlib block: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
