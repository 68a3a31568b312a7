<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>florence::ui::AddAnnotations</name>
    <message numerus="yes">
        <source>Add %n annotation(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::CanvasScene</name>
    <message>
        <source>A quad always has four vertices; delete the whole shape instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A polygon ring needs at least three vertices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is selected.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>florence::ui::ChangeShapes</name>
    <message numerus="yes">
        <source>Combine %n polygon(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Add rings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>florence::ui::DragHandle</name>
    <message>
        <source>Resize box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move vertex</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>florence::ui::ImageListDelegate</name>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>florence::ui::ImageListDock</name>
    <message>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 annotated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::ImageListModel</name>
    <message>
        <source>No annotations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre-annotated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n shape(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::InsertVertex</name>
    <message>
        <source>Insert vertex</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>florence::ui::LabelDialog</name>
    <message>
        <source>Label:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change Label</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>florence::ui::LabelsDock</name>
    <message>
        <source>Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shapes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untick a label to hide its shapes. Double-click to use it for new shapes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename the selected label in the whole project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge the selected labels into one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New name for &quot;%1&quot; (an existing label merges the two):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Merge the %n selected label(s) into:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::MainWindow</name>
    <message>
        <source>Project not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose Location…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep in Memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Project As</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Florence Studio projects (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) already have annotations. Add the imported annotations to them, or replace theirs?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x %1, y %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Florence Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Images…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include &amp;Subfolders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Project &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;COCO Instances and Captions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;labelme Files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labelme &amp;Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;labelme Next to Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labelme into &amp;Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change &amp;Label…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit &amp;Text…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Com&amp;bine Polygons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+G</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select two or more polygons to combine them into one instance.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as &amp;Reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show All &amp;Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+H</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>-</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Actual Size (100 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;First Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Last Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+End</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Select and Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>V</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Polygon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quad (Text Line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getting a model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Florence Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Florence Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Florence Studio&lt;/b&gt; %1&lt;br&gt;Runs Microsoft&apos;s Florence-2 vision-language model locally and turns its answers into editable annotations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Label: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label given to new shapes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>label for new shapes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model loaded — see Model ▸ Getting a model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Opened %n image(s) from %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot display this image:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot copy: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Copied %n shape(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Select shapes first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Label for %n selected shape(s):</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Edit Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Text of %n selected shape(s):</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — Florence Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved (no project file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All changes saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your changes could not be saved (%1). Quit anyway and lose them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export COCO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>COCO JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export labelme into Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import COCO Instances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import labelme Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labelme JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import labelme Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no JSON files in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getting a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Florence Studio needs a Florence-2 model folder in the Hugging Face layout (config.json, preprocessor_config.json, tokenizer files and model.safetensors or pytorch_model.bin), e.g. microsoft/Florence-2-base.

Download one with:
    bash scripts/download-model.sh base models/Florence-2-base

then choose that folder with Model ▸ Choose model folder…, or start the app with --model DIR or FLORENCE_MODEL_DIR=DIR.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language changes when Florence Studio is started again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>florence::ui::MoveShapes</name>
    <message numerus="yes">
        <source>Move %n shape(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::ProjectController</name>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 does not exist or cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the project file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project file %1 could not be read:
%2

The images are shown without its annotations and the file is left untouched. Use File ▸ Save Project As… to keep new work in another file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n new image(s) found since the project was saved</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project file %1 could not be read:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project could not be saved to %1:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project has no file it can be saved to (its file could not be read).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project could not be saved to %1:
%2

Your work is kept in memory. Choose another location for the project file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The COCO export to %1 failed:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported COCO instances to %1 and captions to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n labelme file(s) could not be written:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n labelme file(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n annotated image(s) of the file are not part of this project and were skipped: %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was imported from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Import %n annotation(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n annotation(s) into %1 image(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was imported; your annotations are unchanged.

%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read and were skipped:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::RemoveShapes</name>
    <message numerus="yes">
        <source>Delete %n shape(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::RemoveVertex</name>
    <message>
        <source>Delete vertex</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>florence::ui::RenameLabel</name>
    <message>
        <source>Merge label &quot;%1&quot; into &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename label &quot;%1&quot; to &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Merge %n label(s) into &quot;%1&quot;</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::ReplaceAnnotations</name>
    <message>
        <source>Replace annotations</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>florence::ui::ReplaceShape</name>
    <message>
        <source>Apply model result</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>florence::ui::SelectTool</name>
    <message>
        <source>Vertices can only be inserted into polygons; a quad always has four.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>florence::ui::SetImageStatus</name>
    <message>
        <source>Mark as reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as not reviewed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>florence::ui::SetShapeLabel</name>
    <message numerus="yes">
        <source>Set label of %n shape(s) to &quot;%1&quot;</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::SetShapeText</name>
    <message numerus="yes">
        <source>Edit text of %n shape(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canvas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mouse wheel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom around the cursor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Middle button drag, or Space + drag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+click</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a shape to / remove it from the selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag on empty canvas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rubber-band selection (Ctrl adds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click on a polygon edge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert a vertex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a vertex, then Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete that vertex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrow keys (Shift: 10 px)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected shapes by 1 pixel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter, double-click or right-click</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish a polygon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the last polygon vertex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel drawing or dragging; clear the selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>florence::ui::TextDock</name>
    <message>
        <source>Captions and Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Caption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image captions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a caption to edit it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OCR text or description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New caption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the model task %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n shapes selected</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No shape selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>score %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add caption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit caption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete caption</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Florence-2 annotation studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU threads for inference (default: OMP_NUM_THREADS or all cores).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image files or folders to open.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
