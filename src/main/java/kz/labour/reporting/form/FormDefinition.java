package kz.labour.reporting.form;

import java.util.List;

/** A form's printed identity and its columns, from {@code data/labels.json}. */
public record FormDefinition(FormId id, String kk, String ru, List<ColumnDef> columns) {

    public FormDefinition {
        columns = List.copyOf(columns);
    }

    public List<ColumnDef> numericColumns() {
        return columns.stream().filter(ColumnDef::numeric).toList();
    }

    public ColumnDef column(int number) {
        return columns.stream().filter(c -> c.number() == number).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(id + " has no column " + number));
    }
}
