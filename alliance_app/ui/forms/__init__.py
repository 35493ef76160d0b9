"""Record forms generated from the field specs: editors per field type, the record dialog, partner lists."""
