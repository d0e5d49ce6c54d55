package com.llmea.backtest.mt5;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The rows of the first worksheet of a report exported by the terminal as Excel (XLSX): a zip of XML
 * parts, read with the JDK alone (zip + StAX). Shared strings, inline strings and numbers are turned
 * into the texts the report shows; numeric date cells become {@code yyyy.MM.dd HH:mm:ss}. Columns are
 * placed by their cell reference ({@code D26} is column 3), so empty cells keep their place.
 */
final class XlsxRows {
    private XlsxRows() {
    }

    static List<List<String>> read(byte[] xlsx) throws IOException {
        Map<String, byte[]> parts = new HashMap<>();
        try (ZipInputStream zin = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            ZipEntry e;
            while ((e = zin.getNextEntry()) != null) {
                String n = e.getName();
                if (n.equals("xl/workbook.xml") || n.equals("xl/_rels/workbook.xml.rels")
                        || n.equals("xl/sharedStrings.xml") || n.startsWith("xl/worksheets/sheet")) {
                    parts.put(n, zin.readAllBytes());
                }
            }
        }
        try {
            String sheet = firstSheet(parts);
            byte[] sheetXml = parts.get(sheet);
            if (sheetXml == null) {
                throw new IllegalArgumentException("XLSX has no worksheet " + sheet);
            }
            List<String> shared = parts.containsKey("xl/sharedStrings.xml")
                    ? sharedStrings(parts.get("xl/sharedStrings.xml")) : List.of();
            return sheetRows(sheetXml, shared);
        } catch (XMLStreamException ex) {
            throw new IllegalArgumentException("XLSX is not well-formed: " + ex.getMessage(), ex);
        }
    }

    /** The part name of the workbook's first sheet (via the workbook relationships). */
    private static String firstSheet(Map<String, byte[]> parts) throws XMLStreamException {
        String rid = null;
        if (parts.containsKey("xl/workbook.xml")) {
            XMLStreamReader r = reader(parts.get("xl/workbook.xml"));
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("sheet")) {
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        if (r.getAttributeLocalName(i).equals("id")) {
                            rid = r.getAttributeValue(i);
                        }
                    }
                    break;
                }
            }
        }
        if (rid != null && parts.containsKey("xl/_rels/workbook.xml.rels")) {
            XMLStreamReader r = reader(parts.get("xl/_rels/workbook.xml.rels"));
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("Relationship")
                        && rid.equals(r.getAttributeValue(null, "Id"))) {
                    String target = r.getAttributeValue(null, "Target");
                    return target.startsWith("/") ? target.substring(1) : "xl/" + target;
                }
            }
        }
        return "xl/worksheets/sheet1.xml";
    }

    private static List<String> sharedStrings(byte[] xml) throws XMLStreamException {
        List<String> out = new ArrayList<>();
        XMLStreamReader r = reader(xml);
        StringBuilder cur = null;
        boolean inT = false, inRph = false;
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "si" -> cur = new StringBuilder();
                    case "t" -> inT = true;
                    case "rPh" -> inRph = true; // phonetic runs are not part of the text
                    default -> { }
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                switch (r.getLocalName()) {
                    case "si" -> out.add(cur.toString());
                    case "t" -> inT = false;
                    case "rPh" -> inRph = false;
                    default -> { }
                }
            } else if ((ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) && inT && !inRph
                    && cur != null) {
                cur.append(r.getText());
            }
        }
        return out;
    }

    private static List<List<String>> sheetRows(byte[] xml, List<String> shared) throws XMLStreamException {
        List<List<String>> rows = new ArrayList<>();
        XMLStreamReader r = reader(xml);
        List<String> row = null;
        String ref = null, type = null;
        StringBuilder v = null, inline = null;
        boolean inV = false, inT = false;
        int lastRow = 0;
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "row" -> {
                        String rn = r.getAttributeValue(null, "r");
                        int n = rn == null ? lastRow + 1 : Integer.parseInt(rn);
                        while (lastRow + 1 < n) { // keep row numbers: fill skipped rows
                            rows.add(new ArrayList<>());
                            lastRow++;
                        }
                        lastRow = n;
                        row = new ArrayList<>();
                    }
                    case "c" -> {
                        ref = r.getAttributeValue(null, "r");
                        type = r.getAttributeValue(null, "t");
                        v = new StringBuilder();
                        inline = new StringBuilder();
                    }
                    case "v" -> inV = true;
                    case "t" -> inT = true;
                    default -> { }
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                switch (r.getLocalName()) {
                    case "v" -> inV = false;
                    case "t" -> inT = false;
                    case "c" -> {
                        int col = ref == null ? row.size() : column(ref);
                        while (row.size() < col) {
                            row.add("");
                        }
                        String text = value(type, v.toString(), inline.toString(), shared);
                        if (row.size() == col) {
                            row.add(text);
                        } else {
                            row.set(col, text);
                        }
                    }
                    case "row" -> {
                        rows.add(row);
                        row = null;
                    }
                    default -> { }
                }
            } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
                if (inV && v != null) {
                    v.append(r.getText());
                } else if (inT && inline != null) {
                    inline.append(r.getText());
                }
            }
        }
        return rows;
    }

    private static String value(String type, String v, String inline, List<String> shared) {
        if ("s".equals(type)) {
            int i = Integer.parseInt(v.trim());
            if (i < 0 || i >= shared.size()) {
                throw new IllegalArgumentException("shared string index " + i + " out of range");
            }
            return shared.get(i);
        }
        if ("inlineStr".equals(type)) {
            return inline;
        }
        return v; // n (number), str (formula text), b (boolean), e (error): as stored
    }

    /** Zero-based column of a cell reference: A1 -> 0, D26 -> 3, AA3 -> 26. */
    static int column(String ref) {
        int c = 0;
        for (int i = 0; i < ref.length() && Character.isLetter(ref.charAt(i)); i++) {
            c = c * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
        }
        return c - 1;
    }

    /** An Excel serial date (1900 date system) as MetaTrader prints times. */
    static String excelDate(double serial) {
        long seconds = Math.round(serial * 86400.0);
        LocalDateTime t = LocalDateTime.of(1899, 12, 30, 0, 0).plusSeconds(seconds);
        return com.llmea.backtest.DealsCsv.TIME.format(t);
    }

    private static XMLStreamReader reader(byte[] xml) throws XMLStreamException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        InputStream in = new ByteArrayInputStream(xml);
        return f.createXMLStreamReader(in); // detects UTF-8/UTF-16 from the BOM and declaration
    }
}
