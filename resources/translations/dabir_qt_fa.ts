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
    <name>QAbstractFileIconProvider</name>
    <message><source>Folder</source><translation>پوشه</translation></message>
    <message><source>Drive</source><translation>درایو</translation></message>
</context>
<context>
    <name>QMimeType</name>
    <!-- The «Type» column of the file list: the kinds of file a secretary meets. -->
    <message><source>PDF document</source><translation>سند PDF</translation></message>
    <message><source>Zip archive</source><translation>بایگانی ZIP</translation></message>
    <message><source>Word 2007 document</source><translation>سند Word</translation></message>
    <message><source>Excel 2007 spreadsheet</source><translation>کاربرگ Excel</translation></message>
    <message><source>PKCS#12 certificate bundle</source><translation>گواهی PKCS#12</translation></message>
    <message><source>PNG image</source><translation>تصویر PNG</translation></message>
    <message><source>JPEG image</source><translation>تصویر JPEG</translation></message>
    <message><source>plain text document</source><translation>سند متنی</translation></message>
    <message><source>empty document</source><translation>سند خالی</translation></message>
    <message><source>SQLite3 database</source><translation>پایگاه دادهٔ SQLite</translation></message>
    <message><source>JSON document</source><translation>سند JSON</translation></message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message><source>Pages</source><translation>صفحه‌های</translation></message>
    <message><source>Specify pages or ranges separated by commas. Ranges are specified by two numbers separated by a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.</source><translation>شمارهٔ صفحه‌ها یا بازه‌ها را با ویرگول از هم جدا کنید؛ بازه دو شماره است با خط تیره میانشان. مثلاً 3,5-7,9 صفحه‌های ۳، ۵، ۶، ۷ و ۹ را چاپ می‌کند.</translation></message>
    <message><source>Page &amp;Set:</source><translation>&amp;کدام صفحه‌ها:</translation></message>
    <message><source>Double Sided Printing</source><translation>چاپ دورو</translation></message>
    <message><source>Off</source><translation>یک‌رو</translation></message>
    <message><source>Long side binding</source><translation>دورو، صحافی از لبهٔ بلند</translation></message>
    <message><source>Short side binding</source><translation>دورو، صحافی از لبهٔ کوتاه</translation></message>
</context>
<context>
    <name>QPrintDialog</name>
    <!-- In a right-to-left window «more» opens towards the left: the arrows turn with it. -->
    <message><source>&amp;Options &gt;&gt;</source><translation>&amp;تنظیمات &lt;&lt;</translation></message>
    <message><source>&amp;Options &lt;&lt;</source><translation>&amp;تنظیمات &gt;&gt;</translation></message>
</context>
</TS>
