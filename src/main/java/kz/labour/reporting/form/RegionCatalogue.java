package kz.labour.reporting.form;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The regions of the forms, in code order, read from a data file so a new KATO edition needs no code change. */
public record RegionCatalogue(List<Region> regions) {

    public static final String RESOURCE = "/data/regions.csv";

    public RegionCatalogue {
        regions = List.copyOf(regions);
        Set<String> prefixes = new HashSet<>();
        String previous = "";
        for (Region r : regions) {
            if (!r.kato().matches("\\d{2}0{7}")) {
                throw new IllegalArgumentException("region code " + r.kato() + " is not a top-level 9-digit KATO code");
            }
            if (!prefixes.add(r.prefix())) {
                throw new IllegalArgumentException("two regions share the prefix " + r.prefix());
            }
            if (r.kato().compareTo(previous) <= 0) {
                throw new IllegalArgumentException("regions must be listed in code order; " + r.kato() + " follows " + previous);
            }
            previous = r.kato();
        }
    }

    public static RegionCatalogue load() {
        try (InputStream in = RegionCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RegionCatalogue parse(InputStream in) throws IOException {
        List<Region> regions = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(";", -1);
            if (cells.length != 3) {
                throw new IllegalArgumentException("regions.csv: expected kato;kk;ru, got: " + line);
            }
            regions.add(new Region(cells[0].trim(), cells[1].trim(), cells[2].trim()));
        }
        return new RegionCatalogue(regions);
    }

    /** The prefixes in form order, comma-joined: the SQL statements take them as one parameter. */
    public String prefixList() {
        return regions.stream().map(Region::prefix).collect(Collectors.joining(","));
    }

    /** The prefixes (first two digits of a code) that name a region. */
    public Set<String> prefixes() {
        return regions.stream().map(Region::prefix).collect(Collectors.toUnmodifiableSet());
    }

    public Region byPrefix(String prefix) {
        return regions.stream().filter(r -> r.prefix().equals(prefix)).findFirst().orElse(null);
    }
}
