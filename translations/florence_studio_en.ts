<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>florence::ui::AddAnnotations</name>
    <message numerus="yes">
        <source>Add %n annotation(s)</source>
        <translation><numerusform>Add %n annotation</numerusform><numerusform>Add %n annotations</numerusform></translation>
    </message>
</context>
<context>
    <name>florence::ui::ChangeShapes</name>
    <message numerus="yes">
        <source>Combine %n polygon(s)</source>
        <translation><numerusform>Combine %n polygon</numerusform><numerusform>Combine %n polygons</numerusform></translation>
    </message>
</context>
<context>
    <name>florence::ui::ImageListDock</name>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation><numerusform>%n image</numerusform><numerusform>%n images</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable</source>
        <translation><numerusform>%n unreadable</numerusform><numerusform>%n unreadable</numerusform></translation>
    </message>
</context>
<context>
    <name>florence::ui::ImageListModel</name>
    <message numerus="yes">
        <source>%n shape(s)</source>
        <translation><numerusform>%n shape</numerusform><numerusform>%n shapes</numerusform></translation>
    </message>
</context>
<context>
    <name>florence::ui::LabelsDock</name>
    <message numerus="yes">
        <source>Merge the %n selected label(s) into:</source>
        <translation><numerusform>Merge the %n selected label into:</numerusform><numerusform>Merge the %n selected labels into:</numerusform></translation>
    </message>
</context>
<context>
    <name>florence::ui::MainWindow</name>
    <message numerus="yes">
        <source>%n image(s) already have annotations. Add the imported annotations to them, or replace theirs?</source>
        <translation><numerusform>%n image already has annotations. Add the imported annotations to it, or replace its own?</numerusform><numerusform>%n images already have annotations. Add the imported annotations to them, or replace theirs?</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Opened %n image(s) from %1</source>
        <translation><numerusform>Opened %n image from %1</numerusform><numerusform>Opened %n images from %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Copied %n shape(s)</source>
        <translation><numerusform>Copied %n shape</numerusform><numerusform>Copied %n shapes</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Label for %n selected shape(s):</source>
        <translation><numerusform>Label for %n selected shape:</numerusform><numerusform>Label for %n selected shapes:</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Text of %n selected shape(s):</source>
        <translation><numerusform>Text of %n selected shape:</numerusform><numerusform>Text of %n selected shapes:</numerusform></translation>
    </message>
</context>
<context>
    <name>florence::ui::MoveShapes</name>
    <message numerus="yes">
        <source>Move %n shape(s)</source>
        <translation><numerusform>Move %n shape</numerusform><numerusform>Move %n shapes</numerusform></translation>
    </message>
</context>
<context>
    <name>florence::ui::ProjectController</name>
    <message numerus="yes">
        <source>%n new image(s) found since the project was saved</source>
        <translation><numerusform>%n new image found since the project was saved</numerusform><numerusform>%n new images found since the project was saved</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n labelme file(s) could not be written:</source>
        <translation><numerusform>%n labelme file could not be written:</numerusform><numerusform>%n labelme files could not be written:</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n labelme file(s)</source>
        <translation><numerusform>Exported %n labelme file</numerusform><numerusform>Exported %n labelme files</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n annotated image(s) of the file are not part of this project and were skipped: %1</source>
        <translation><numerusform>%n annotated image of the file is not part of this project and was skipped: %1</numerusform><numerusform>%n annotated images of the file are not part of this project and were skipped: %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Import %n annotation(s)</source>
        <translation><numerusform>Import %n annotation</numerusform><numerusform>Import %n annotations</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Imported %n annotation(s) into %1 image(s)</source>
        <translation><numerusform>Imported %n annotation into %1 image(s)</numerusform><numerusform>Imported %n annotations into %1 image(s)</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read and were skipped:</source>
        <translation><numerusform>%n file could not be read and was skipped:</numerusform><numerusform>%n files could not be read and were skipped:</numerusform></translation>
    </message>
</context>
<context>
    <name>florence::ui::RemoveShapes</name>
    <message numerus="yes">
        <source>Delete %n shape(s)</source>
        <translation><numerusform>Delete %n shape</numerusform><numerusform>Delete %n shapes</numerusform></translation>
    </message>
</context>
<context>
    <name>florence::ui::RenameLabel</name>
    <message numerus="yes">
        <source>Merge %n label(s) into "%1"</source>
        <translation><numerusform>Merge %n label into "%1"</numerusform><numerusform>Merge %n labels into "%1"</numerusform></translation>
    </message>
</context>
<context>
    <name>florence::ui::SetShapeLabel</name>
    <message numerus="yes">
        <source>Set label of %n shape(s) to "%1"</source>
        <translation><numerusform>Set label of %n shape to "%1"</numerusform><numerusform>Set label of %n shapes to "%1"</numerusform></translation>
    </message>
</context>
<context>
    <name>florence::ui::SetShapeText</name>
    <message numerus="yes">
        <source>Edit text of %n shape(s)</source>
        <translation><numerusform>Edit text of %n shape</numerusform><numerusform>Edit text of %n shapes</numerusform></translation>
    </message>
</context>
<context>
    <name>florence::ui::TextDock</name>
    <message numerus="yes">
        <source>%n shapes selected</source>
        <translation><numerusform>%n shape selected</numerusform><numerusform>%n shapes selected</numerusform></translation>
    </message>
</context>
</TS>
