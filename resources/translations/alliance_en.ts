<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>MappingPage</name>
    <message numerus="yes">
        <source>Checking %n row(s)…</source>
        <translation>
            <numerusform>Checking %n row…</numerusform>
            <numerusform>Checking %n rows…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message numerus="yes">
        <source>%n problem(s) found; nothing is imported until they are corrected.</source>
        <translation>
            <numerusform>%n problem found; nothing is imported until it is corrected.</numerusform>
            <numerusform>%n problems found; nothing is imported until they are corrected.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stored value(s) will be erased by empty cells (listed below).</source>
        <translation>
            <numerusform>%n stored value will be erased by an empty cell (listed below).</numerusform>
            <numerusform>%n stored values will be erased by empty cells (listed below).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordCount</name>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message numerus="yes">
        <source>%n value(s) were stored in another form than typed:</source>
        <translation>
            <numerusform>%n value was stored in another form than typed:</numerusform>
            <numerusform>%n values were stored in another form than typed:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message numerus="yes">
        <source>%n edit(s) waiting to sync</source>
        <translation>
            <numerusform>%n edit waiting to sync</numerusform>
            <numerusform>%n edits waiting to sync</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n edit(s) refused by the server</source>
        <translation>
            <numerusform>%n edit refused by the server</numerusform>
            <numerusform>%n edits refused by the server</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflict</numerusform>
            <numerusform>%n conflicts</numerusform>
        </translation>
    </message>
</context>
</TS>
