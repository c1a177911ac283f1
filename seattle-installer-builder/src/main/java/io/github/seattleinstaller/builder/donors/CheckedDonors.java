package io.github.seattleinstaller.builder.donors;

import io.github.seattleinstaller.builder.customize.CustomizeRequest;
import io.github.seattleinstaller.builder.customize.DonorName;
import io.github.seattleinstaller.builder.customize.DonorSource;
import io.github.seattleinstaller.runtime.input.InvalidInputException;
import io.github.seattleinstaller.runtime.vesselinfo.VesselInfo;
import io.github.seattleinstaller.runtime.vesselinfo.VesselSpec;
import io.github.seattleinstaller.runtime.keys.SeattlePublicKey;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Donors read from files ({@link DonorsDirectory}, {@link DonorTable}) and checked: this exists only once
 * every donor has passed every rule. The donors are not held: each {@link #stream()} reads the files again,
 * one donor at a time, so that memory stays flat in the number of donors. What is kept per donor is its
 * name and an 8-byte digest of its vessels (about 70 bytes), and for a directory the file's path.
 *
 * <p>A pass hands out exactly what was checked: the same donors in the same order with the same vessels.
 * If a file was changed since the check, the pass fails at the first donor that differs, before handing it
 * out, with an {@link UncheckedIOException} saying so. Immutable and thread-safe; passes are independent.
 */
public final class CheckedDonors implements DonorSource {
    /** One reading of the files: the donors in order, then null. */
    interface Pass extends Closeable {
        DonorSplit next() throws IOException, InvalidInputException;
    }

    /** Starts a reading of the files. */
    interface Opener {
        Pass open() throws IOException;
    }

    private final String source;
    private final List<DonorName> names;
    private final long[] digests;
    private final Opener opener;

    private CheckedDonors(String source, List<DonorName> names, long[] digests, Opener opener) {
        this.source = source;
        this.names = Collections.unmodifiableList(names);
        this.digests = digests;
        this.opener = opener;
    }

    /** What the donors were read from, as in messages: a directory's or a table's path. */
    public String source() {
        return source;
    }

    /** How many donors there are; at least one. */
    @Override
    public int size() {
        return names.size();
    }

    /** The donors' names, in order. */
    @Override
    public List<DonorName> names() {
        return names;
    }

    /**
     * Reads the donors again, in order, one at a time. The stream holds a file open: close it (use
     * try-with-resources); it also closes itself once read to the end.
     *
     * @throws UncheckedIOException when a file cannot be read, or differs from what was checked
     */
    public Stream<DonorSplit> stream() {
        Pass pass;
        try {
            pass = opener.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PassSpliterator spliterator = new PassSpliterator(pass);
        return StreamSupport.stream(spliterator, false).onClose(spliterator::close);
    }

    /** The donors as a customization takes them: {@link #stream()} without the origins. */
    @Override
    public Stream<CustomizeRequest.Donor> donors() {
        return stream().map(donor -> new CustomizeRequest.Donor(donor.name(), donor.vesselInfo()));
    }

    @Override
    public String toString() {
        return source + " (" + names.size() + (names.size() == 1 ? " donor)" : " donors)");
    }

    /** A digest of a donor's name and vessels: what a later pass must find again. */
    static long digest(DonorSplit donor) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required of every JDK", impossible);
        }
        sha256.update(donor.name().value().getBytes(StandardCharsets.UTF_8));
        VesselInfo info = donor.vesselInfo();
        for (VesselSpec vessel : info.vessels()) {
            sha256.update(ByteBuffer.allocate(8).putInt(vessel.percent()).putInt(vessel.users().size()).array());
            update(sha256, vessel.owner());
            vessel.users().forEach(user -> update(sha256, user));
        }
        return ByteBuffer.wrap(sha256.digest()).getLong();
    }

    private static void update(MessageDigest sha256, SeattlePublicKey key) {
        // Length-prefixed, so that no two different keys feed the same bytes.
        for (byte[] number : new byte[][] {key.e().toByteArray(), key.n().toByteArray()}) {
            sha256.update(ByteBuffer.allocate(4).putInt(number.length).array());
            sha256.update(number);
        }
    }

    /** Collects what a check keeps of each donor, in order. */
    static final class Builder {
        private final List<DonorName> names = new ArrayList<>();
        private long[] digests = new long[64];

        void add(DonorSplit donor) {
            if (names.size() == digests.length) {
                digests = Arrays.copyOf(digests, digests.length * 2);
            }
            digests[names.size()] = digest(donor);
            names.add(donor.name());
        }

        int size() {
            return names.size();
        }

        CheckedDonors build(String source, Opener opener) {
            if (names.isEmpty()) {
                throw new IllegalStateException("a check that found no donor reports a problem");
            }
            return new CheckedDonors(source, List.copyOf(names), Arrays.copyOf(digests, names.size()), opener);
        }
    }

    private final class PassSpliterator extends Spliterators.AbstractSpliterator<DonorSplit> {
        private final Pass pass;
        private int index;
        private boolean closed;

        PassSpliterator(Pass pass) {
            super(names.size(), Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.SIZED);
            this.pass = pass;
        }

        @Override
        public boolean tryAdvance(Consumer<? super DonorSplit> action) {
            if (closed) {
                return false;
            }
            DonorSplit donor;
            try {
                donor = pass.next();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InvalidInputException e) {
                throw changed(e.problems().get(0).describe());
            }
            if (donor == null) {
                if (index < names.size()) {
                    throw changed("it now ends after " + index + " of the " + names.size() + " donors checked");
                }
                close();
                return false;
            }
            if (index >= names.size()) {
                throw changed("it now has more than the " + names.size() + " donors checked");
            }
            if (!donor.name().equals(names.get(index))) {
                throw changed("donor " + (index + 1) + " is now '" + donor.name() + "', not '" + names.get(index) + "'");
            }
            if (digest(donor) != digests[index]) {
                throw changed("the vessels of donor " + donor.name() + " (" + donor.origin() + ") differ from those checked");
            }
            index++;
            action.accept(donor);
            return true;
        }

        void close() {
            if (!closed) {
                closed = true;
                try {
                    pass.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        private UncheckedIOException changed(String what) {
            return new UncheckedIOException(new IOException(source + " changed after it was checked: " + what));
        }
    }
}
