<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Persian for strings of Qt's standard dialogs that Qt's own catalogue (qtbase_fa) lacks or
     gets wrong for a right-to-left window. Compiled with `pyside6-lrelease dabir_qt_fa.ts -qm
     dabir_qt_fa.qm` (tests/test_translations.py checks the .qm is the compiled .ts). -->
<TS version="2.1" language="fa_IR">
<context>
    <name>QFileDialog</name>
    <message><source>&amp;Look in:</source><translation>&amp;جستجو در:</translation></message>
    <message><source>Files of &amp;type:</source><translation>&amp;نوع پرونده:</translation></message>
</context>
<context>
    <name>QPrintDialog</name>
    <!-- In a right-to-left window «more» opens towards the left: the arrows turn with it. -->
    <message><source>&amp;Options &gt;&gt;</source><translation>&amp;تنظیمات &lt;&lt;</translation></message>
    <message><source>&amp;Options &lt;&lt;</source><translation>&amp;تنظیمات &gt;&gt;</translation></message>
</context>
</TS>
