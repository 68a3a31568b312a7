<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>florence::ui::AddAnnotations</name>
    <message numerus="yes">
        <source>Add %n annotation(s)</source>
        <translation>
            <numerusform>%n Annotation hinzufügen</numerusform>
            <numerusform>%n Annotationen hinzufügen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::BatchDock</name>
    <message>
        <source>Batch</source>
        <translation>Stapel</translation>
    </message>
    <message>
        <source>All images</source>
        <translation>Alle Bilder</translation>
    </message>
    <message>
        <source>Selected images</source>
        <translation>Ausgewählte Bilder</translation>
    </message>
    <message>
        <source>The images selected in the image list (Ctrl+click, Shift+click)</source>
        <translation>Die in der Bildliste ausgewählten Bilder (Strg+Klick, Umschalt+Klick)</translation>
    </message>
    <message>
        <source>Run again on images already done</source>
        <translation>Auch bereits bearbeitete Bilder erneut ausführen</translation>
    </message>
    <message>
        <source>Without this, images on which this job already ran are skipped (resume)</source>
        <translation>Ohne diese Option werden Bilder übersprungen, auf denen dieser Auftrag schon lief (Fortsetzen)</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Images that failed; the others went on</source>
        <translation>Fehlgeschlagene Bilder; die anderen liefen weiter</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n image(s)</source>
        <translation>
            <numerusform>%1 von %n Bild</numerusform>
            <numerusform>%1 von %n Bildern</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped (done before)</source>
        <translation>
            <numerusform>%n übersprungen (schon erledigt)</numerusform>
            <numerusform>%n übersprungen (schon erledigt)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n annotation(s)</source>
        <translation>
            <numerusform>%n Annotation</numerusform>
            <numerusform>%n Annotationen</numerusform>
        </translation>
    </message>
    <message>
        <source>elapsed %1</source>
        <translation>vergangen %1</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>Restzeit %1</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Images that go through the model together (as florence-cli annotate --batch-size). The answers are the same for every size; larger sizes finish long answers sooner and need more memory, so the size is lowered when it would not fit. With Tiles, images of more than one tile run one at a time.</source>
        <translation>Bilder, die gemeinsam durch das Modell laufen (wie florence-cli annotate --batch-size). Die Antworten sind bei jeder Größe gleich; größere Stapel liefern lange Antworten schneller und brauchen mehr Speicher, daher wird die Größe verringert, wenn sie nicht passen würde. Mit Kacheln laufen Bilder aus mehr als einer Kachel einzeln.</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>Stapelgröße:</translation>
    </message>
    <message>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
    <message>
        <source>Batch size %1</source>
        <translation>Stapelgröße %1</translation>
    </message>
    <message>
        <source>Batch size %1, lowered from %2 to fit in memory</source>
        <translation>Stapelgröße %1, von %2 verringert, damit der Speicher reicht</translation>
    </message>
    <message>
        <source>estimated %1 beyond the model, %2 available</source>
        <translation>geschätzt %1 zusätzlich zum Modell, %2 verfügbar</translation>
    </message>
    <message>
        <source>estimated %1 beyond the model, available memory unknown</source>
        <translation>geschätzt %1 zusätzlich zum Modell, verfügbarer Speicher unbekannt</translation>
    </message>
    <message>
        <source>images of more than one tile run tiled, one at a time</source>
        <translation>Bilder aus mehr als einer Kachel laufen gekachelt, einzeln</translation>
    </message>
</context>
<context>
    <name>florence::ui::BatchRunner</name>
    <message>
        <source>A batch is already running.</source>
        <translation>Es läuft bereits ein Stapel.</translation>
    </message>
    <message>
        <source>No model is loaded.</source>
        <translation>Es ist kein Modell geladen.</translation>
    </message>
    <message>
        <source>The model is busy; wait for the current run or cancel it.</source>
        <translation>Das Modell ist beschäftigt; warten Sie auf den laufenden Durchlauf oder brechen Sie ihn ab.</translation>
    </message>
    <message>
        <source>This job cannot run on whole images: %1</source>
        <translation>Dieser Auftrag kann nicht auf ganzen Bildern laufen: %1</translation>
    </message>
</context>
<context>
    <name>florence::ui::CanvasScene</name>
    <message>
        <source>A quad always has four vertices; delete the whole shape instead.</source>
        <translation>Ein Viereck hat immer vier Eckpunkte; löschen Sie stattdessen die ganze Form.</translation>
    </message>
    <message>
        <source>A polygon ring needs at least three vertices.</source>
        <translation>Ein Polygonring braucht mindestens drei Eckpunkte.</translation>
    </message>
    <message>
        <source>Nothing is selected.</source>
        <translation>Es ist nichts ausgewählt.</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>Duplikat</translation>
    </message>
    <message>
        <source>label conflict</source>
        <translation>Label-Konflikt</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>nicht gefunden</translation>
    </message>
</context>
<context>
    <name>florence::ui::ChangeShapes</name>
    <message numerus="yes">
        <source>Combine %n polygon(s)</source>
        <translation>
            <numerusform>%n Polygon vereinigen</numerusform>
            <numerusform>%n Polygone vereinigen</numerusform>
        </translation>
    </message>
    <message>
        <source>Add rings</source>
        <translation>Ringe hinzufügen</translation>
    </message>
</context>
<context>
    <name>florence::ui::CustomTaskPanel</name>
    <message>
        <source>Plain text</source>
        <translation>Reiner Text</translation>
    </message>
    <message>
        <source>Boxes with labels</source>
        <translation>Boxen mit Labels</translation>
    </message>
    <message>
        <source>Text lines (quads)</source>
        <translation>Textzeilen (Vierecke)</translation>
    </message>
    <message>
        <source>Polygons</source>
        <translation>Polygone</translation>
    </message>
    <message>
        <source>Boxes or polygons</source>
        <translation>Boxen oder Polygone</translation>
    </message>
    <message>
        <source>Custom task</source>
        <translation>Eigene Aufgabe</translation>
    </message>
    <message>
        <source>For fine-tunes with their own prompts (DocVQA, &lt;ANALYZE&gt;, …): the prompt is sent as it is and the answer is read with the chosen parser. Presets are saved per model folder.</source>
        <translation>Für feinabgestimmte Modelle mit eigenen Prompts (DocVQA, &lt;ANALYZE&gt;, …): Der Prompt wird unverändert gesendet und die Antwort mit dem gewählten Parser gelesen. Voreinstellungen werden pro Modellordner gespeichert.</translation>
    </message>
    <message>
        <source>Prompt, e.g. &lt;DocVQA&gt;What is the total?</source>
        <translation>Prompt, z. B. &lt;DocVQA&gt;What is the total?</translation>
    </message>
    <message>
        <source>How the answer becomes annotations</source>
        <translation>Wie die Antwort zu Annotationen wird</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <source>Save the prompt and parser as a named preset of this model folder</source>
        <translation>Prompt und Parser als benannte Voreinstellung dieses Modellordners speichern</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>Run the custom prompt on the current image</source>
        <translation>Den eigenen Prompt auf dem aktuellen Bild ausführen</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>Voreinstellung:</translation>
    </message>
    <message>
        <source>Prompt:</source>
        <translation>Prompt:</translation>
    </message>
    <message>
        <source>Parser:</source>
        <translation>Parser:</translation>
    </message>
    <message>
        <source>(unsaved)</source>
        <translation>(nicht gespeichert)</translation>
    </message>
    <message>
        <source>Presets not available: %1</source>
        <translation>Voreinstellungen nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>load a model first: presets belong to a model folder</source>
        <translation>laden Sie zuerst ein Modell: Voreinstellungen gehören zu einem Modellordner</translation>
    </message>
    <message>
        <source>Could not save the preset: %1</source>
        <translation>Die Voreinstellung konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Could not delete the preset: %1</source>
        <translation>Die Voreinstellung konnte nicht gelöscht werden: %1</translation>
    </message>
    <message>
        <source>Save Custom Task</source>
        <translation>Eigene Aufgabe speichern</translation>
    </message>
    <message>
        <source>Preset name:</source>
        <translation>Name der Voreinstellung:</translation>
    </message>
</context>
<context>
    <name>florence::ui::DatasetExportDialog</name>
    <message>
        <source>Export %1</source>
        <translation>%1 exportieren</translation>
    </message>
    <message>
        <source>Writes: %1</source>
        <translation>Schreibt: %1</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>Zielordner:</translation>
    </message>
    <message>
        <source>Export into Folder</source>
        <translation>In Ordner exportieren</translation>
    </message>
    <message>
        <source>Variant:</source>
        <translation>Variante:</translation>
    </message>
    <message>
        <source>No split (everything in train)</source>
        <translation>Keine Aufteilung (alles in train)</translation>
    </message>
    <message>
        <source>By ratio, shuffled with a fixed seed</source>
        <translation>Nach Anteilen, gemischt mit festem Seed</translation>
    </message>
    <message>
        <source>By folder (train/, val/, test/)</source>
        <translation>Nach Ordnern (train/, val/, test/)</translation>
    </message>
    <message>
        <source>train</source>
        <translation>train</translation>
    </message>
    <message>
        <source>val</source>
        <translation>val</translation>
    </message>
    <message>
        <source>test</source>
        <translation>test</translation>
    </message>
    <message>
        <source>Split:</source>
        <translation>Aufteilung:</translation>
    </message>
    <message>
        <source>Ratios:</source>
        <translation>Anteile:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <source>Copy the images into the export (hard links where possible)</source>
        <translation>Bilder in den Export kopieren (wo möglich als Hardlinks)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
</context>
<context>
    <name>florence::ui::DialogPrompts</name>
    <message>
        <source>Project not saved</source>
        <translation>Projekt nicht gespeichert</translation>
    </message>
    <message>
        <source>Choose Location…</source>
        <translation>Speicherort wählen…</translation>
    </message>
    <message>
        <source>Keep in Memory</source>
        <translation>Im Speicher behalten</translation>
    </message>
    <message>
        <source>Save Project As</source>
        <translation>Projekt speichern unter</translation>
    </message>
    <message>
        <source>Florence Studio projects (*.json)</source>
        <translation>Florence-Studio-Projekte (*.json)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) already have annotations. Add the imported annotations to them, or replace theirs?</source>
        <translation>
            <numerusform>%n Bild hat bereits Annotationen. Sollen die importierten Annotationen hinzugefügt werden oder die vorhandenen ersetzen?</numerusform>
            <numerusform>%n Bilder haben bereits Annotationen. Sollen die importierten Annotationen hinzugefügt werden oder die vorhandenen ersetzen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Ersetzen</translation>
    </message>
</context>
<context>
    <name>florence::ui::DownloadDialog</name>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Download a Model</source>
        <translation>Modell herunterladen</translation>
    </message>
    <message>
        <source>0.23 B parameters, about 0.5 GB</source>
        <translation>0,23 Mrd. Parameter, etwa 0,5 GB</translation>
    </message>
    <message>
        <source>0.77 B parameters, about 1.5 GB</source>
        <translation>0,77 Mrd. Parameter, etwa 1,5 GB</translation>
    </message>
    <message>
        <source>base, fine-tuned on the downstream tasks</source>
        <translation>base, auf die Downstream-Aufgaben feinabgestimmt</translation>
    </message>
    <message>
        <source>large, fine-tuned on the downstream tasks</source>
        <translation>large, auf die Downstream-Aufgaben feinabgestimmt</translation>
    </message>
    <message>
        <source>base in the transformers-native layout</source>
        <translation>base im nativen transformers-Layout</translation>
    </message>
    <message>
        <source>large in the transformers-native layout</source>
        <translation>large im nativen transformers-Layout</translation>
    </message>
    <message>
        <source>ORG/NAME</source>
        <translation>ORG/NAME</translation>
    </message>
    <message>
        <source>A Florence-2 repository of the Hugging Face hub: pick one or type ORG/NAME</source>
        <translation>Ein Florence-2-Repository vom Hugging Face Hub: eines auswählen oder ORG/NAME eingeben</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Stop the download; starting it again resumes where it stopped</source>
        <translation>Den Download stoppen; ein erneuter Start setzt dort fort, wo er aufgehört hat</translation>
    </message>
    <message>
        <source>Load the Model</source>
        <translation>Modell laden</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>Into the Hugging Face cache %1 (shared with Python tools)</source>
        <translation>In den Hugging-Face-Cache %1 (gemeinsam mit Python-Werkzeugen)</translation>
    </message>
    <message>
        <source>From the mirror %1 (HF_ENDPOINT)</source>
        <translation>Vom Spiegelserver %1 (HF_ENDPOINT)</translation>
    </message>
    <message>
        <source>With the token of HF_TOKEN (gated and private repositories)</source>
        <translation>Mit dem Token aus HF_TOKEN (zugangsbeschränkte und private Repositorys)</translation>
    </message>
    <message>
        <source>Resuming…</source>
        <translation>Setze fort…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Stoppe…</translation>
    </message>
    <message>
        <source>%1 · %2 of %3 · %4 · %5 left</source>
        <translation>%1 · %2 von %3 · %4 · noch %5</translation>
    </message>
    <message>
        <source>unknown size</source>
        <translation>unbekannte Größe</translation>
    </message>
    <message>
        <source>Downloading %1…</source>
        <translation>Lade %1 herunter…</translation>
    </message>
    <message>
        <source>Downloaded %1 (%2 transferred, %3 already there) into %4</source>
        <translation>%1 nach %4 heruntergeladen (%2 übertragen, %3 schon vorhanden)</translation>
    </message>
    <message>
        <source>Stopped. The part downloaded so far is kept: Resume continues from there.</source>
        <translation>Gestoppt. Der bisher heruntergeladene Teil bleibt erhalten: „Fortsetzen“ macht dort weiter.</translation>
    </message>
    <message>
        <source>Could not download %1:
%2</source>
        <translation>%1 konnte nicht heruntergeladen werden:
%2</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
</context>
<context>
    <name>florence::ui::DragHandle</name>
    <message>
        <source>Resize box</source>
        <translation>Rechteckgröße ändern</translation>
    </message>
    <message>
        <source>Move vertex</source>
        <translation>Eckpunkt verschieben</translation>
    </message>
</context>
<context>
    <name>florence::ui::ErrorText</name>
    <message>
        <source>This image file cannot be opened.</source>
        <translation>Diese Bilddatei kann nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>Loading this image was stopped.</source>
        <translation>Das Laden dieses Bildes wurde abgebrochen.</translation>
    </message>
    <message>
        <source>This image cannot be shown because of an internal error.</source>
        <translation>Dieses Bild kann wegen eines internen Fehlers nicht angezeigt werden.</translation>
    </message>
    <message>
        <source>This image cannot be read.</source>
        <translation>Dieses Bild kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The model folder cannot be loaded: its files are incomplete or not a Florence-2 model.</source>
        <translation>Der Modellordner kann nicht geladen werden: Seine Dateien sind unvollständig oder kein Florence-2-Modell.</translation>
    </message>
    <message>
        <source>The model files cannot be read.</source>
        <translation>Die Modelldateien können nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Loading the model was stopped.</source>
        <translation>Das Laden des Modells wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The model cannot be loaded because of an internal error.</source>
        <translation>Das Modell kann wegen eines internen Fehlers nicht geladen werden.</translation>
    </message>
    <message>
        <source>The model folder cannot be loaded.</source>
        <translation>Der Modellordner kann nicht geladen werden.</translation>
    </message>
    <message>
        <source>The run failed: the image or the task&apos;s input cannot be used.</source>
        <translation>Der Durchlauf ist fehlgeschlagen: Das Bild oder die Eingabe der Aufgabe ist unbrauchbar.</translation>
    </message>
    <message>
        <source>The run failed: the model cannot run this task.</source>
        <translation>Der Durchlauf ist fehlgeschlagen: Das Modell kann diese Aufgabe nicht ausführen.</translation>
    </message>
    <message>
        <source>The run failed: a file cannot be read.</source>
        <translation>Der Durchlauf ist fehlgeschlagen: Eine Datei kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The run was stopped.</source>
        <translation>Der Durchlauf wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The run failed because of an internal error.</source>
        <translation>Der Durchlauf ist wegen eines internen Fehlers fehlgeschlagen.</translation>
    </message>
    <message>
        <source>The file cannot be read: its contents are not valid.</source>
        <translation>Die Datei kann nicht gelesen werden: Ihr Inhalt ist ungültig.</translation>
    </message>
    <message>
        <source>Reading the file was stopped.</source>
        <translation>Das Lesen der Datei wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The file cannot be read because of an internal error.</source>
        <translation>Die Datei kann wegen eines internen Fehlers nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The file cannot be read.</source>
        <translation>Die Datei kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The file cannot be written: the data does not fit the format.</source>
        <translation>Die Datei kann nicht geschrieben werden: Die Daten passen nicht zum Format.</translation>
    </message>
    <message>
        <source>Writing the file was stopped.</source>
        <translation>Das Schreiben der Datei wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The file cannot be written because of an internal error.</source>
        <translation>Die Datei kann wegen eines internen Fehlers nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>The file cannot be written.</source>
        <translation>Die Datei kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>The training failed: the examples cannot be used.</source>
        <translation>Das Training ist fehlgeschlagen: Die Beispiele sind unbrauchbar.</translation>
    </message>
    <message>
        <source>The training failed: this model cannot be trained.</source>
        <translation>Das Training ist fehlgeschlagen: Dieses Modell kann nicht trainiert werden.</translation>
    </message>
    <message>
        <source>The training failed: a file cannot be read or written.</source>
        <translation>Das Training ist fehlgeschlagen: Eine Datei kann nicht gelesen oder geschrieben werden.</translation>
    </message>
    <message>
        <source>The training was stopped.</source>
        <translation>Das Training wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The training failed because of an internal error.</source>
        <translation>Das Training ist wegen eines internen Fehlers fehlgeschlagen.</translation>
    </message>
    <message>
        <source>The download failed: the model name is not valid.</source>
        <translation>Der Download ist fehlgeschlagen: Der Modellname ist ungültig.</translation>
    </message>
    <message>
        <source>The download failed: the repository holds no usable Florence-2 model.</source>
        <translation>Der Download ist fehlgeschlagen: Das Repository enthält kein brauchbares Florence-2-Modell.</translation>
    </message>
    <message>
        <source>The download was stopped.</source>
        <translation>Der Download wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The download failed because of an internal error.</source>
        <translation>Der Download ist wegen eines internen Fehlers fehlgeschlagen.</translation>
    </message>
    <message>
        <source>The download failed: a file could not be fetched, checked or stored.</source>
        <translation>Der Download ist fehlgeschlagen: Eine Datei konnte nicht geladen, geprüft oder gespeichert werden.</translation>
    </message>
    <message>
        <source>The operation failed.</source>
        <translation>Der Vorgang ist fehlgeschlagen.</translation>
    </message>
</context>
<context>
    <name>florence::ui::FileDialogs</name>
    <message>
        <source>Open Images</source>
        <translation>Bilder öffnen</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>Bilder (%1)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <source>Florence Studio projects (*.json)</source>
        <translation>Florence-Studio-Projekte (*.json)</translation>
    </message>
    <message>
        <source>Save Project As</source>
        <translation>Projekt speichern unter</translation>
    </message>
    <message>
        <source>Export COCO</source>
        <translation>COCO exportieren</translation>
    </message>
    <message>
        <source>COCO JSON (*.json)</source>
        <translation>COCO-JSON (*.json)</translation>
    </message>
    <message>
        <source>Export labelme into Folder</source>
        <translation>labelme in einen Ordner exportieren</translation>
    </message>
    <message>
        <source>Import COCO Instances</source>
        <translation>COCO-Instanzen importieren</translation>
    </message>
    <message>
        <source>Import labelme Files</source>
        <translation>labelme-Dateien importieren</translation>
    </message>
    <message>
        <source>labelme JSON (*.json)</source>
        <translation>labelme-JSON (*.json)</translation>
    </message>
    <message>
        <source>Import labelme Folder</source>
        <translation>labelme-Ordner importieren</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>There are no JSON files in %1.</source>
        <translation>In %1 gibt es keine JSON-Dateien.</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>%1 importieren</translation>
    </message>
    <message>
        <source>Read the label files as:</source>
        <translation>Label-Dateien lesen als:</translation>
    </message>
</context>
<context>
    <name>florence::ui::FineTuneDialog</name>
    <message>
        <source>Fine-tune the Model</source>
        <translation>Modell feinabstimmen</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Reviewed images</source>
        <translation>Geprüfte Bilder</translation>
    </message>
    <message>
        <source>All annotated images</source>
        <translation>Alle annotierten Bilder</translation>
    </message>
    <message numerus="yes">
        <source>Images selected in the list (%n)</source>
        <translation>
            <numerusform>In der Liste ausgewähltes Bild (%n)</numerusform>
            <numerusform>In der Liste ausgewählte Bilder (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Tasks to learn</source>
        <translation>Zu lernende Aufgaben</translation>
    </message>
    <message>
        <source>Peak learning rate (AdamW, linear decay); 1e-6 is the usual choice for base and large</source>
        <translation>Maximale Lernrate (AdamW, linearer Abfall); 1e-6 ist die übliche Wahl für base und large</translation>
    </message>
    <message>
        <source>Vision tower (faster: its output is computed once per image)</source>
        <translation>Vision-Tower (schneller: seine Ausgabe wird einmal pro Bild berechnet)</translation>
    </message>
    <message>
        <source>Nothing (train every weight)</source>
        <translation>Nichts (alle Gewichte trainieren)</translation>
    </message>
    <message>
        <source>Share of the images held out for the validation loss after each epoch</source>
        <translation>Anteil der Bilder, der für den Validierungsverlust nach jeder Epoche zurückgehalten wird</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>Epochen:</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>Lernrate:</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>Batchgröße:</translation>
    </message>
    <message>
        <source>Freeze:</source>
        <translation>Einfrieren:</translation>
    </message>
    <message>
        <source>Validation:</source>
        <translation>Validierung:</translation>
    </message>
    <message>
        <source>Save the new model in:</source>
        <translation>Neues Modell speichern in:</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Trainieren</translation>
    </message>
    <message>
        <source>Fine-tune %1 on this project&apos;s annotations.</source>
        <translation>%1 mit den Annotationen dieses Projekts feinabstimmen.</translation>
    </message>
    <message>
        <source>Folder for the New Model</source>
        <translation>Ordner für das neue Modell</translation>
    </message>
    <message>
        <source>Cannot make training examples: %1</source>
        <translation>Trainingsbeispiele können nicht erstellt werden: %1</translation>
    </message>
    <message>
        <source>No examples: no reviewed image has annotations for the chosen tasks (Ctrl+R marks an image as reviewed), or choose all annotated images.</source>
        <translation>Keine Beispiele: Kein geprüftes Bild hat Annotationen für die gewählten Aufgaben (Strg+R markiert ein Bild als geprüft). Oder wählen Sie alle annotierten Bilder.</translation>
    </message>
    <message>
        <source>No examples: none of these images has annotations for the chosen tasks.</source>
        <translation>Keine Beispiele: Keines dieser Bilder hat Annotationen für die gewählten Aufgaben.</translation>
    </message>
    <message numerus="yes">
        <source>%1 training and %2 validation examples from %n image(s).</source>
        <translation>
            <numerusform>%1 Trainings- und %2 Validierungsbeispiele aus %n Bild.</numerusform>
            <numerusform>%1 Trainings- und %2 Validierungsbeispiele aus %n Bildern.</numerusform>
        </translation>
    </message>
    <message>
        <source>The learning rate is not a positive number.</source>
        <translation>Die Lernrate ist keine positive Zahl.</translation>
    </message>
</context>
<context>
    <name>florence::ui::ImageListDelegate</name>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>florence::ui::ImageListDock</name>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n Bild</numerusform>
            <numerusform>%n Bilder</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 annotated</source>
        <translation>%1 annotiert</translation>
    </message>
    <message>
        <source>%1 reviewed</source>
        <translation>%1 geprüft</translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable</source>
        <translation>
            <numerusform>%n unlesbar</numerusform>
            <numerusform>%n unlesbar</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::ImageListModel</name>
    <message>
        <source>No annotations</source>
        <translation>Keine Annotationen</translation>
    </message>
    <message>
        <source>Pre-annotated</source>
        <translation>Vorannotiert</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>Bearbeitet</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>Geprüft</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message numerus="yes">
        <source>%n shape(s)</source>
        <translation>
            <numerusform>%n Form</numerusform>
            <numerusform>%n Formen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to review</source>
        <translation>
            <numerusform>%n zu prüfen</numerusform>
            <numerusform>%n zu prüfen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::InferenceResult</name>
    <message>
        <source>Run %1 of %2</source>
        <translation>Durchlauf %1 von %2</translation>
    </message>
    <message>
        <source>Prompt: %1</source>
        <translation>Prompt: %1</translation>
    </message>
    <message>
        <source>Tile %1 of %2 (%3 × %4 px)</source>
        <translation>Kachel %1 von %2 (%3 × %4 px)</translation>
    </message>
    <message>
        <source>cut at max tokens</source>
        <translation>bei max. Tokens abgeschnitten</translation>
    </message>
</context>
<context>
    <name>florence::ui::InsertVertex</name>
    <message>
        <source>Insert vertex</source>
        <translation>Eckpunkt einfügen</translation>
    </message>
</context>
<context>
    <name>florence::ui::LabelDialog</name>
    <message>
        <source>Label:</source>
        <translation>Label:</translation>
    </message>
    <message>
        <source>Change Label</source>
        <translation>Label ändern</translation>
    </message>
</context>
<context>
    <name>florence::ui::LabelsDock</name>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Merge…</source>
        <translation>Zusammenführen…</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Shapes</source>
        <translation>Formen</translation>
    </message>
    <message>
        <source>Untick a label to hide its shapes. Double-click to use it for new shapes.</source>
        <translation>Entfernen Sie das Häkchen, um die Formen eines Labels auszublenden. Ein Doppelklick verwendet das Label für neue Formen.</translation>
    </message>
    <message>
        <source>Rename the selected label in the whole project</source>
        <translation>Das ausgewählte Label im ganzen Projekt umbenennen</translation>
    </message>
    <message>
        <source>Merge the selected labels into one</source>
        <translation>Die ausgewählten Labels zu einem zusammenführen</translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation>(kein Label)</translation>
    </message>
    <message>
        <source>Rename Label</source>
        <translation>Label umbenennen</translation>
    </message>
    <message>
        <source>New name for &quot;%1&quot; (an existing label merges the two):</source>
        <translation>Neuer Name für „%1“ (ein vorhandenes Label führt beide zusammen):</translation>
    </message>
    <message>
        <source>Merge Labels</source>
        <translation>Labels zusammenführen</translation>
    </message>
    <message numerus="yes">
        <source>Merge the %n selected label(s) into:</source>
        <translation>
            <numerusform>%n ausgewähltes Label zusammenführen in:</numerusform>
            <numerusform>%n ausgewählte Labels zusammenführen in:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::MainWindow</name>
    <message>
        <source>x %1, y %2</source>
        <translation>x %1, y %2</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Florence Studio</source>
        <translation>Florence Studio</translation>
    </message>
    <message>
        <source>&amp;Open Images…</source>
        <translation>Bilder ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>&amp;Ordner öffnen…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>Open &amp;Project…</source>
        <translation>&amp;Projekt öffnen…</translation>
    </message>
    <message>
        <source>&amp;Save Project</source>
        <translation>Projekt &amp;speichern</translation>
    </message>
    <message>
        <source>Project saved</source>
        <translation>Projekt gespeichert</translation>
    </message>
    <message>
        <source>Save Project &amp;As…</source>
        <translation>Projekt speichern &amp;unter…</translation>
    </message>
    <message>
        <source>&amp;COCO Instances and Captions…</source>
        <translation>&amp;COCO-Instanzen und -Bildbeschreibungen…</translation>
    </message>
    <message>
        <source>&amp;labelme Files…</source>
        <translation>&amp;labelme-Dateien…</translation>
    </message>
    <message>
        <source>labelme &amp;Folder…</source>
        <translation>labelme-&amp;Ordner…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>&amp;labelme Next to Images</source>
        <translation>&amp;labelme neben die Bilder</translation>
    </message>
    <message>
        <source>labelme into &amp;Folder…</source>
        <translation>labelme in einen &amp;Ordner…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Ctrl+Y</source>
        <translation>Ctrl+Y</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Einfügen</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>&amp;Alles auswählen</translation>
    </message>
    <message>
        <source>Change &amp;Label…</source>
        <translation>La&amp;bel ändern…</translation>
    </message>
    <message>
        <source>L</source>
        <translation>L</translation>
    </message>
    <message>
        <source>Edit &amp;Text…</source>
        <translation>&amp;Text bearbeiten…</translation>
    </message>
    <message>
        <source>T</source>
        <translation>T</translation>
    </message>
    <message>
        <source>Com&amp;bine Polygons</source>
        <translation>Polygone &amp;vereinigen</translation>
    </message>
    <message>
        <source>Ctrl+G</source>
        <translation>Ctrl+G</translation>
    </message>
    <message>
        <source>Select two or more polygons to combine them into one instance.</source>
        <translation>Wählen Sie zwei oder mehr Polygone aus, um sie zu einer Instanz zu vereinigen.</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>Show All &amp;Labels</source>
        <translation>Alle &amp;Labels anzeigen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+H</source>
        <translation>Ctrl+Shift+H</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>&amp;Vergrößern</translation>
    </message>
    <message>
        <source>+</source>
        <translation>+</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>-</source>
        <translation>-</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>An &amp;Fenster anpassen</translation>
    </message>
    <message>
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
    <message>
        <source>F</source>
        <translation>F</translation>
    </message>
    <message>
        <source>&amp;Actual Size (100 %)</source>
        <translation>&amp;Originalgröße (100 %)</translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <source>&amp;Next Image</source>
        <translation>&amp;Nächstes Bild</translation>
    </message>
    <message>
        <source>D</source>
        <translation>D</translation>
    </message>
    <message>
        <source>&amp;Previous Image</source>
        <translation>&amp;Vorheriges Bild</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>&amp;First Image</source>
        <translation>&amp;Erstes Bild</translation>
    </message>
    <message>
        <source>Ctrl+Home</source>
        <translation>Ctrl+Home</translation>
    </message>
    <message>
        <source>&amp;Last Image</source>
        <translation>&amp;Letztes Bild</translation>
    </message>
    <message>
        <source>Ctrl+End</source>
        <translation>Ctrl+End</translation>
    </message>
    <message>
        <source>&amp;Select and Edit</source>
        <translation>&amp;Auswählen und bearbeiten</translation>
    </message>
    <message>
        <source>V</source>
        <translation>V</translation>
    </message>
    <message>
        <source>&amp;Box</source>
        <translation>&amp;Rechteck</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>&amp;Polygon</source>
        <translation>&amp;Polygon</translation>
    </message>
    <message>
        <source>P</source>
        <translation>P</translation>
    </message>
    <message>
        <source>&amp;Quad (Text Line)</source>
        <translation>Vier&amp;eck (Textzeile)</translation>
    </message>
    <message>
        <source>Q</source>
        <translation>Q</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>&amp;Bereiche</translation>
    </message>
    <message>
        <source>System Default</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Werkzeuge</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>&amp;Modell</translation>
    </message>
    <message>
        <source>Getting a model…</source>
        <translation>Ein Modell besorgen…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Florence Studio</source>
        <translation>&amp;Über Florence Studio</translation>
    </message>
    <message>
        <source>About Florence Studio</source>
        <translation>Über Florence Studio</translation>
    </message>
    <message>
        <source>&lt;b&gt;Florence Studio&lt;/b&gt; %1&lt;br&gt;Runs Microsoft&apos;s Florence-2 vision-language model locally and turns its answers into editable annotations.</source>
        <translation>&lt;b&gt;Florence Studio&lt;/b&gt; %1&lt;br&gt;Führt Microsofts Vision-Language-Modell Florence-2 lokal aus und macht aus seinen Antworten bearbeitbare Annotationen.</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptleiste</translation>
    </message>
    <message>
        <source> Label: </source>
        <translation> Label: </translation>
    </message>
    <message>
        <source>Label given to new shapes</source>
        <translation>Label, das neue Formen erhalten</translation>
    </message>
    <message>
        <source>label for new shapes</source>
        <translation>Label für neue Formen</translation>
    </message>
    <message numerus="yes">
        <source>Opened %n image(s) from %1</source>
        <translation>
            <numerusform>%n Bild aus %1 geöffnet</numerusform>
            <numerusform>%n Bilder aus %1 geöffnet</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not open %1: %2</source>
        <translation>%1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Cannot copy: %1</source>
        <translation>Kopieren nicht möglich: %1</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n shape(s)</source>
        <translation>
            <numerusform>%n Form kopiert</numerusform>
            <numerusform>%n Formen kopiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Select shapes first.</source>
        <translation>Wählen Sie zuerst Formen aus.</translation>
    </message>
    <message numerus="yes">
        <source>Label for %n selected shape(s):</source>
        <translation>
            <numerusform>Label der %n ausgewählten Form:</numerusform>
            <numerusform>Label der %n ausgewählten Formen:</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit Text</source>
        <translation>Text bearbeiten</translation>
    </message>
    <message numerus="yes">
        <source>Text of %n selected shape(s):</source>
        <translation>
            <numerusform>Text der %n ausgewählten Form:</numerusform>
            <numerusform>Text der %n ausgewählten Formen:</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — Florence Studio</source>
        <translation>%1 – Florence Studio</translation>
    </message>
    <message>
        <source>Image %1 of %2</source>
        <translation>Bild %1 von %2</translation>
    </message>
    <message>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 Pixel</translation>
    </message>
    <message>
        <source>Not saved (no project file)</source>
        <translation>Nicht gespeichert (keine Projektdatei)</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Nicht gespeichert</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>All changes saved</source>
        <translation>Alle Änderungen gespeichert</translation>
    </message>
    <message>
        <source>Your changes could not be saved (%1). Quit anyway and lose them?</source>
        <translation>Ihre Änderungen konnten nicht gespeichert werden (%1). Trotzdem beenden und die Änderungen verwerfen?</translation>
    </message>
    <message>
        <source>Getting a model</source>
        <translation>Ein Modell besorgen</translation>
    </message>
    <message>
        <source>The language changes when Florence Studio is started again.</source>
        <translation>Die Sprache ändert sich beim nächsten Start von Florence Studio.</translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>Ctrl+Z</source>
        <translation>Ctrl+Z</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Z</source>
        <translation>Ctrl+Shift+Z</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>&amp;Rückgängig: %1</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>&amp;Wiederholen: %1</translation>
    </message>
    <message>
        <source>An operation failed and was abandoned: %1</source>
        <translation>Ein Vorgang ist fehlgeschlagen und wurde abgebrochen: %1</translation>
    </message>
    <message>
        <source>&amp;Accept Suggestion</source>
        <translation>Vorschlag &amp;annehmen</translation>
    </message>
    <message>
        <source>&amp;Reject Suggestion</source>
        <translation>Vorschlag a&amp;blehnen</translation>
    </message>
    <message>
        <source>Accept Above &amp;Threshold, Reject the Rest</source>
        <translation>Über der &amp;Schwelle annehmen, Rest ablehnen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Return</source>
        <translation>Ctrl+Shift+Return</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Backspace</source>
        <translation>Ctrl+Shift+Backspace</translation>
    </message>
    <message>
        <source>&amp;Next Suggestion</source>
        <translation>&amp;Nächster Vorschlag</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>&amp;Previous Suggestion</source>
        <translation>&amp;Vorheriger Vorschlag</translation>
    </message>
    <message>
        <source>Shift+N</source>
        <translation>Shift+N</translation>
    </message>
    <message>
        <source>Next Image with &amp;Suggestions</source>
        <translation>Nächstes Bild &amp;mit Vorschlägen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <source>Next Image &amp;without Annotations</source>
        <translation>Nächstes Bild &amp;ohne Annotationen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+D</source>
        <translation>Ctrl+Shift+D</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <source>Off: model results become shapes at once, without review</source>
        <translation>Aus: Modellergebnisse werden sofort zu Formen, ohne Prüfung</translation>
    </message>
    <message>
        <source>&amp;Hide Duplicate Suggestions</source>
        <translation>&amp;Doppelte Vorschläge ausblenden</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>Prompt → &amp;Label Table…</source>
        <translation>Prompt → &amp;Label-Tabelle…</translation>
    </message>
    <message>
        <source>Queue &amp;Order</source>
        <translation>&amp;Reihenfolge der Vorschläge</translation>
    </message>
    <message>
        <source>Lowest Score First</source>
        <translation>Niedrigste Konfidenz zuerst</translation>
    </message>
    <message>
        <source>By Image</source>
        <translation>Nach Bild</translation>
    </message>
    <message>
        <source>By Label</source>
        <translation>Nach Label</translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <source>Florence Studio needs a Florence-2 model folder in the Hugging Face layout (config.json, preprocessor_config.json, tokenizer files and model.safetensors or pytorch_model.bin), e.g. microsoft/Florence-2-base.

Model ▸ Download Model… fetches one into the Hugging Face cache (shared with Python tools); on the command line:
    florence-cli download base

Model ▸ Choose Model… lists the models found on this computer; Model ▸ Choose Model Folder… opens any folder; or start the app with --model DIR or FLORENCE_MODEL_DIR=DIR.</source>
        <translation>Florence Studio braucht einen Florence-2-Modellordner im Hugging-Face-Layout (config.json, preprocessor_config.json, Tokenizer-Dateien und model.safetensors oder pytorch_model.bin), z. B. microsoft/Florence-2-base.

Modell ▸ Modell herunterladen… lädt eines in den Hugging-Face-Cache (gemeinsam mit Python-Werkzeugen); auf der Kommandozeile:
    florence-cli download base

Modell ▸ Modell wählen… listet die auf diesem Computer gefundenen Modelle; Modell ▸ Modellordner wählen… öffnet einen beliebigen Ordner; oder starten Sie die Anwendung mit --model DIR oder FLORENCE_MODEL_DIR=DIR.</translation>
    </message>
    <message>
        <source>Reject All Suggestions on This &amp;Image</source>
        <translation>Alle Vorschläge auf diesem B&amp;ild ablehnen</translation>
    </message>
    <message>
        <source>Next Image Not Re&amp;viewed</source>
        <translation>Nächstes &amp;ungeprüftes Bild</translation>
    </message>
    <message>
        <source>&amp;Model Results Are Suggestions</source>
        <translation>Modell&amp;ergebnisse sind Vorschläge</translation>
    </message>
    <message>
        <source>Include Su&amp;bfolders</source>
        <translation>Unterordner einbe&amp;ziehen</translation>
    </message>
    <message>
        <source>Mark as Re&amp;viewed</source>
        <translation>Als &amp;geprüft markieren</translation>
    </message>
    <message>
        <source>Lan&amp;guage</source>
        <translation>&amp;Sprache</translation>
    </message>
</context>
<context>
    <name>florence::ui::ModelMenu</name>
    <message>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>&amp;Choose Model Folder…</source>
        <translation>Modellordner &amp;wählen…</translation>
    </message>
    <message>
        <source>Model &amp;Settings…</source>
        <translation>Modell&amp;einstellungen…</translation>
    </message>
    <message>
        <source>Model &amp;Information…</source>
        <translation>Modell&amp;informationen…</translation>
    </message>
    <message>
        <source>&amp;Run Task</source>
        <translation>Aufgabe &amp;ausführen</translation>
    </message>
    <message>
        <source>Ctrl+.</source>
        <translation>Ctrl+.</translation>
    </message>
    <message>
        <source>Choose a Florence-2 Model Folder</source>
        <translation>Florence-2-Modellordner wählen</translation>
    </message>
    <message>
        <source>&lt;b&gt;Florence-2 %1&lt;/b&gt;&lt;br&gt;Folder: %2&lt;br&gt;Parameters: %3 (%4)&lt;br&gt;Weights: %5, declared dtype %6&lt;br&gt;Computing in %7 on %8&lt;br&gt;Loaded in %9 s</source>
        <translation>&lt;b&gt;Florence-2 %1&lt;/b&gt;&lt;br&gt;Ordner: %2&lt;br&gt;Parameter: %3 (%4)&lt;br&gt;Gewichte: %5, deklarierter Datentyp %6&lt;br&gt;Rechnet in %7 auf %8&lt;br&gt;Geladen in %9 s</translation>
    </message>
    <message>
        <source>Loader notes:</source>
        <translation>Hinweise des Laders:</translation>
    </message>
    <message>
        <source>Model Information</source>
        <translation>Modellinformationen</translation>
    </message>
    <message>
        <source>Model ▸ Choose Model Folder…</source>
        <translation>Modell ▸ Modellordner wählen…</translation>
    </message>
    <message>
        <source>No model loaded — %1</source>
        <translation>Kein Modell geladen — %1</translation>
    </message>
    <message>
        <source>Loading the model from %1…</source>
        <translation>Lade das Modell aus %1…</translation>
    </message>
    <message>
        <source>Florence-2 %1 · %2 parameters · %3 · %4</source>
        <translation>Florence-2 %1 · %2 Parameter · %3 · %4</translation>
    </message>
    <message>
        <source>Model not loaded (see the message) — %1</source>
        <translation>Modell nicht geladen (siehe Meldung) — %1</translation>
    </message>
    <message>
        <source>Choose &amp;Model…</source>
        <translation>&amp;Modell wählen…</translation>
    </message>
    <message>
        <source>Every Florence-2 model in the Hugging Face cache and in your folders</source>
        <translation>Alle Florence-2-Modelle im Hugging-Face-Cache und in Ihren Ordnern</translation>
    </message>
    <message>
        <source>&amp;Download Model…</source>
        <translation>Modell &amp;herunterladen…</translation>
    </message>
    <message>
        <source>&amp;Fine-tune…</source>
        <translation>&amp;Feinabstimmen…</translation>
    </message>
    <message>
        <source>Train the loaded model on this project&apos;s reviewed annotations</source>
        <translation>Das geladene Modell mit den geprüften Annotationen dieses Projekts trainieren</translation>
    </message>
    <message>
        <source>R&amp;eload Model</source>
        <translation>Modell &amp;neu laden</translation>
    </message>
    <message>
        <source>Cancel Ru&amp;n</source>
        <translation>Durchlauf a&amp;bbrechen</translation>
    </message>
</context>
<context>
    <name>florence::ui::ModelPickerDialog</name>
    <message>
        <source>remote code</source>
        <translation>Remote-Code</translation>
    </message>
    <message>
        <source>native</source>
        <translation>nativ</translation>
    </message>
    <message>
        <source>HF cache · %1 (main)</source>
        <translation>HF-Cache · %1 (main)</translation>
    </message>
    <message>
        <source>HF cache · %1</source>
        <translation>HF-Cache · %1</translation>
    </message>
    <message>
        <source>Choose a Model</source>
        <translation>Modell wählen</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Variante</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>Layout</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Dtype</source>
        <translation>Datentyp</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation>Ordner hinzufügen…</translation>
    </message>
    <message>
        <source>Also list the models in a folder (a model folder or a folder of model folders)</source>
        <translation>Auch die Modelle in einem Ordner auflisten (ein Modellordner oder ein Ordner mit Modellordnern)</translation>
    </message>
    <message>
        <source>Remove Folder</source>
        <translation>Ordner entfernen</translation>
    </message>
    <message>
        <source>Rescan</source>
        <translation>Neu durchsuchen</translation>
    </message>
    <message>
        <source>Download…</source>
        <translation>Herunterladen…</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Laden</translation>
    </message>
    <message>
        <source>Looking for Florence-2 models in %1…</source>
        <translation>Suche Florence-2-Modelle in %1…</translation>
    </message>
    <message>
        <source>Weights: %1</source>
        <translation>Gewichte: %1</translation>
    </message>
    <message>
        <source>Cannot be loaded as it is: %1</source>
        <translation>Kann so nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>%1 (loaded)</source>
        <translation>%1 (geladen)</translation>
    </message>
    <message>
        <source>No Florence-2 model found in the Hugging Face cache (%1) or the added folders. Download one, or add the folder that holds yours.</source>
        <translation>Kein Florence-2-Modell im Hugging-Face-Cache (%1) oder in den hinzugefügten Ordnern gefunden. Laden Sie eines herunter oder fügen Sie den Ordner hinzu, in dem Ihres liegt.</translation>
    </message>
    <message numerus="yes">
        <source>%n Florence-2 model(s) in the Hugging Face cache (%1) and the added folders.</source>
        <translation>
            <numerusform>%n Florence-2-Modell im Hugging-Face-Cache (%1) und in den hinzugefügten Ordnern.</numerusform>
            <numerusform>%n Florence-2-Modelle im Hugging-Face-Cache (%1) und in den hinzugefügten Ordnern.</numerusform>
        </translation>
    </message>
    <message>
        <source>Add a Folder with Florence-2 Models</source>
        <translation>Ordner mit Florence-2-Modellen hinzufügen</translation>
    </message>
</context>
<context>
    <name>florence::ui::ModelSession</name>
    <message>
        <source>Model loaded in %1 s</source>
        <translation>Modell in %1 s geladen</translation>
    </message>
    <message>
        <source>Could not load the model from %1:
%2</source>
        <translation>Das Modell aus %1 konnte nicht geladen werden:
%2</translation>
    </message>
    <message>
        <source>Model not loaded</source>
        <translation>Modell nicht geladen</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled: the model stopped %1 ms later, after %n decoding step(s)</source>
        <translation>
            <numerusform>Abgebrochen: Das Modell hielt %1 ms später an, nach %n Dekodierschritt</numerusform>
            <numerusform>Abgebrochen: Das Modell hielt %1 ms später an, nach %n Dekodierschritten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Batch stopped after %1 of %n image(s); start it again to resume</source>
        <translation>
            <numerusform>Stapel nach %1 von %n Bild angehalten; erneut starten, um fortzusetzen</numerusform>
            <numerusform>Stapel nach %1 von %n Bildern angehalten; erneut starten, um fortzusetzen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Batch finished: %1 of %n image(s) processed, %2 skipped, %3 failed</source>
        <translation>
            <numerusform>Stapel fertig: %1 von %n Bild verarbeitet, %2 übersprungen, %3 fehlgeschlagen</numerusform>
            <numerusform>Stapel fertig: %1 von %n Bildern verarbeitet, %2 übersprungen, %3 fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, then segment each box</source>
        <translation>%1, dann jede Box segmentieren</translation>
    </message>
    <message>
        <source>%1, then describe each box</source>
        <translation>%1, dann jede Box beschreiben</translation>
    </message>
    <message>
        <source>Region tasks need a region per image; choose another task in the Model panel (or a chain: detect, then segment/describe).</source>
        <translation>Regionsaufgaben brauchen eine Region pro Bild; wählen Sie im Modell-Bereich eine andere Aufgabe (oder eine Kette: erkennen, dann segmentieren/beschreiben).</translation>
    </message>
    <message>
        <source>Job (from the Model panel): %1</source>
        <translation>Auftrag (aus dem Modell-Bereich): %1</translation>
    </message>
    <message>
        <source>Load a model first: Model ▸ Choose Model Folder…</source>
        <translation>Laden Sie zuerst ein Modell: Modell ▸ Modellordner wählen…</translation>
    </message>
    <message>
        <source>A batch is running; pause or cancel it first.</source>
        <translation>Ein Stapel läuft; halten Sie ihn zuerst an oder brechen Sie ihn ab.</translation>
    </message>
    <message>
        <source>Open an image first.</source>
        <translation>Öffnen Sie zuerst ein Bild.</translation>
    </message>
    <message>
        <source>%1 needs a region: draw a box or select shapes.</source>
        <translation>%1 braucht eine Region: Zeichnen Sie eine Box oder wählen Sie Formen aus.</translation>
    </message>
    <message>
        <source>Cannot run %1: %2</source>
        <translation>%1 kann nicht ausgeführt werden: %2</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Starte…</translation>
    </message>
    <message>
        <source>Select images in the image list first.</source>
        <translation>Wählen Sie zuerst Bilder in der Bildliste aus.</translation>
    </message>
    <message>
        <source>Open images first.</source>
        <translation>Öffnen Sie zuerst Bilder.</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>%1 ms in all · preprocess %2 · vision %3 · encoder %4 · decoding %5 ms (%6 tokens/s)</source>
        <translation>%1 ms insgesamt · Vorverarbeitung %2 · Vision %3 · Encoder %4 · Dekodierung %5 ms (%6 Token/s)</translation>
    </message>
    <message numerus="yes">
        <source>%1 on %n region(s)</source>
        <translation>
            <numerusform>%1 auf %n Region</numerusform>
            <numerusform>%1 auf %n Regionen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: answers attached to %n region(s)</source>
        <translation>
            <numerusform>%1: Antwort an %n Region angehängt</numerusform>
            <numerusform>%1: Antworten an %n Regionen angehängt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n shape(s)</source>
        <translation>
            <numerusform>%1: %n Form</numerusform>
            <numerusform>%1: %n Formen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n text(s) in the Captions panel</source>
        <translation>
            <numerusform>, %n Text im Bereich „Beschriftungen“</numerusform>
            <numerusform>, %n Texte im Bereich „Beschriftungen“</numerusform>
        </translation>
    </message>
    <message>
        <source> in %1 s</source>
        <translation> in %1 s</translation>
    </message>
    <message>
        <source>The prompt table is empty: Review ▸ Prompt → Label Table…</source>
        <translation>Die Prompt-Tabelle ist leer: Prüfen ▸ Prompt → Label-Tabelle…</translation>
    </message>
    <message>
        <source>Cannot run the custom task: %1</source>
        <translation>Die eigene Aufgabe kann nicht ausgeführt werden: %1</translation>
    </message>
    <message>
        <source>Custom task “%1”</source>
        <translation>Eigene Aufgabe „%1“</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n tile(s) answered up to the limit of %1 tokens, so their answers are probably cut short. Use smaller tiles (Tiles ▸ Tile size or a finer grid) or raise max tokens.</source>
        <translation>
            <numerusform>⚠ %n Kachel hat bis zur Grenze von %1 Tokens geantwortet, ihre Antwort ist daher wohl abgeschnitten. Kleinere Kacheln verwenden (Kacheln ▸ Kachelgröße oder ein feineres Raster) oder max. Tokens erhöhen.</numerusform>
            <numerusform>⚠ %n Kacheln haben bis zur Grenze von %1 Tokens geantwortet, ihre Antworten sind daher wohl abgeschnitten. Kleinere Kacheln verwenden (Kacheln ▸ Kachelgröße oder ein feineres Raster) oder max. Tokens erhöhen.</numerusform>
        </translation>
    </message>
    <message>
        <source>⚠ The answer used all %1 tokens, so it is probably cut short (common for OCR of dense pages). Use Tiles to run the image in parts, or raise max tokens.</source>
        <translation>⚠ Die Antwort hat alle %1 Tokens verbraucht und ist daher wohl abgeschnitten (häufig bei OCR dichter Seiten). Mit Kacheln das Bild in Teilen verarbeiten oder max. Tokens erhöhen.</translation>
    </message>
    <message>
        <source>The answer was cut at max tokens; try Tiles</source>
        <translation>Die Antwort wurde bei max. Tokens abgeschnitten; Kacheln versuchen</translation>
    </message>
</context>
<context>
    <name>florence::ui::ModelSettingsDialog</name>
    <message>
        <source>Model Settings</source>
        <translation>Modelleinstellungen</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA (GPU)</source>
        <translation>CUDA (GPU)</translation>
    </message>
    <message>
        <source>automatic (%1)</source>
        <translation>automatisch (%1)</translation>
    </message>
    <message>
        <source>Changing the device or the precision reloads the model.</source>
        <translation>Ein Wechsel von Gerät oder Genauigkeit lädt das Modell neu.</translation>
    </message>
    <message>
        <source>This build of libtorch cannot use a GPU: CPU only. Changing the precision reloads the model.</source>
        <translation>Dieser libtorch-Build kann keine GPU nutzen: nur CPU. Ein Wechsel der Genauigkeit lädt das Modell neu.</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Gerät:</translation>
    </message>
    <message>
        <source>Precision:</source>
        <translation>Genauigkeit:</translation>
    </message>
    <message>
        <source>CPU threads:</source>
        <translation>CPU-Threads:</translation>
    </message>
    <message>
        <source>fp32 (as the reference)</source>
        <translation>fp32 (wie die Referenz)</translation>
    </message>
    <message>
        <source>bf16 (less memory)</source>
        <translation>bf16 (weniger Speicher)</translation>
    </message>
    <message>
        <source>fp16 (GPU only)</source>
        <translation>fp16 (nur GPU)</translation>
    </message>
</context>
<context>
    <name>florence::ui::MoveShapes</name>
    <message numerus="yes">
        <source>Move %n shape(s)</source>
        <translation>
            <numerusform>%n Form verschieben</numerusform>
            <numerusform>%n Formen verschieben</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::NoModelPanel</name>
    <message>
        <source>Get a Florence-2 model</source>
        <translation>Ein Florence-2-Modell besorgen</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Laden</translation>
    </message>
    <message>
        <source>Download…</source>
        <translation>Herunterladen…</translation>
    </message>
    <message>
        <source>base, large or a fine-tune from the Hugging Face hub, into its cache</source>
        <translation>base, large oder ein feinabgestimmtes Modell vom Hugging Face Hub, in dessen Cache</translation>
    </message>
    <message>
        <source>Open Folder…</source>
        <translation>Ordner öffnen…</translation>
    </message>
    <message>
        <source>All Models…</source>
        <translation>Alle Modelle…</translation>
    </message>
    <message>
        <source>Every model found, with sizes and layouts; add folders to search</source>
        <translation>Alle gefundenen Modelle mit Größen und Layouts; weitere Ordner zum Durchsuchen hinzufügen</translation>
    </message>
    <message>
        <source>Looking for models on this computer…</source>
        <translation>Suche Modelle auf diesem Computer…</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Florence Studio runs Florence-2 on this computer. These models are here already; load one, download another or open a model folder.</source>
        <translation>Florence Studio führt Florence-2 auf diesem Computer aus. Diese Modelle sind schon vorhanden: Laden Sie eines, laden Sie ein weiteres herunter oder öffnen Sie einen Modellordner.</translation>
    </message>
    <message>
        <source>Florence Studio runs Florence-2 on this computer. No model was found in the Hugging Face cache (%1): download one (base is 0.5 GB) or open a model folder.</source>
        <translation>Florence Studio führt Florence-2 auf diesem Computer aus. Im Hugging-Face-Cache (%1) wurde kein Modell gefunden: Laden Sie eines herunter (base hat 0,5 GB) oder öffnen Sie einen Modellordner.</translation>
    </message>
</context>
<context>
    <name>florence::ui::PlotsDock</name>
    <message>
        <source>Plots</source>
        <translation>Diagramme</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>Konfidenzen</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>Zeiten</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <source>shapes</source>
        <translation>Formen</translation>
    </message>
    <message>
        <source>score</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>milliseconds</source>
        <translation>Millisekunden</translation>
    </message>
    <message>
        <source>preprocess</source>
        <translation>Vorverarbeitung</translation>
    </message>
    <message>
        <source>vision</source>
        <translation>Vision</translation>
    </message>
    <message>
        <source>encoder</source>
        <translation>Encoder</translation>
    </message>
    <message>
        <source>decoding</source>
        <translation>Dekodierung</translation>
    </message>
    <message>
        <source>seconds since the start</source>
        <translation>Sekunden seit dem Start</translation>
    </message>
    <message>
        <source>images per minute</source>
        <translation>Bilder pro Minute</translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation>(kein Label)</translation>
    </message>
    <message>
        <source>No shapes yet</source>
        <translation>Noch keine Formen</translation>
    </message>
    <message>
        <source>Shapes per label</source>
        <translation>Formen pro Label</translation>
    </message>
    <message>
        <source>No scores (turn on “Confidence scores”)</source>
        <translation>Keine Konfidenzen (schalten Sie „Konfidenzwerte“ ein)</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n scored shape(s) shown (threshold %2)</source>
        <translation>
            <numerusform>%1 von %n Form mit Konfidenz sichtbar (Schwelle %2)</numerusform>
            <numerusform>%1 von %n Formen mit Konfidenz sichtbar (Schwelle %2)</numerusform>
        </translation>
    </message>
    <message>
        <source>No run yet</source>
        <translation>Noch kein Durchlauf</translation>
    </message>
    <message numerus="yes">
        <source>Last run: %1 ms total · %n token(s) at %2 tokens/s</source>
        <translation>
            <numerusform>Letzter Durchlauf: %1 ms insgesamt · %n Token mit %2 Token/s</numerusform>
            <numerusform>Letzter Durchlauf: %1 ms insgesamt · %n Token mit %2 Token/s</numerusform>
        </translation>
    </message>
    <message>
        <source> · vision cached</source>
        <translation> · Vision aus dem Cache</translation>
    </message>
    <message>
        <source>No batch yet</source>
        <translation>Noch kein Stapel</translation>
    </message>
    <message numerus="yes">
        <source>Batch: %n image(s), %1 images/min on average</source>
        <translation>
            <numerusform>Stapel: %n Bild, im Mittel %1 Bilder/min</numerusform>
            <numerusform>Stapel: %n Bilder, im Mittel %1 Bilder/min</numerusform>
        </translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>angenommen</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>suggestions</source>
        <translation>Vorschläge</translation>
    </message>
    <message>
        <source>No model suggestions yet</source>
        <translation>Noch keine Modellvorschläge</translation>
    </message>
    <message>
        <source>Suggestions: %1 accepted · %2 rejected · %3 pending</source>
        <translation>Vorschläge: %1 angenommen · %2 abgelehnt · %3 offen</translation>
    </message>
    <message>
        <source>No scores of reviewed suggestions yet</source>
        <translation>Noch keine Konfidenzen geprüfter Vorschläge</translation>
    </message>
    <message>
        <source>Scores: %1 accepted, %2 rejected (threshold %3)</source>
        <translation>Konfidenzen: %1 angenommen, %2 abgelehnt (Schwelle %3)</translation>
    </message>
</context>
<context>
    <name>florence::ui::ProjectController</name>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Cannot open folder</source>
        <translation>Ordner kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>The folder %1 does not exist or cannot be read.</source>
        <translation>Der Ordner %1 existiert nicht oder ist nicht lesbar.</translation>
    </message>
    <message>
        <source>Cannot read the project file</source>
        <translation>Projektdatei nicht lesbar</translation>
    </message>
    <message>
        <source>The project file %1 could not be read:
%2

The images are shown without its annotations and the file is left untouched. Use File ▸ Save Project As… to keep new work in another file.</source>
        <translation>Die Projektdatei %1 konnte nicht gelesen werden:
%2

Die Bilder werden ohne ihre Annotationen angezeigt, die Datei bleibt unverändert. Speichern Sie neue Arbeit mit Datei ▸ Projekt speichern unter… in einer anderen Datei.</translation>
    </message>
    <message numerus="yes">
        <source>%n new image(s) found since the project was saved</source>
        <translation>
            <numerusform>%n neues Bild seit dem letzten Speichern des Projekts gefunden</numerusform>
            <numerusform>%n neue Bilder seit dem letzten Speichern des Projekts gefunden</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation>Projekt kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>The project file %1 could not be read:
%2</source>
        <translation>Die Projektdatei %1 konnte nicht gelesen werden:
%2</translation>
    </message>
    <message>
        <source>Cannot save project</source>
        <translation>Projekt kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>The project could not be saved to %1:
%2</source>
        <translation>Das Projekt konnte nicht unter %1 gespeichert werden:
%2</translation>
    </message>
    <message>
        <source>The project has no file it can be saved to (its file could not be read).</source>
        <translation>Das Projekt hat keine Datei, in die es gespeichert werden kann (seine Datei war nicht lesbar).</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>The project could not be saved to %1:
%2

Your work is kept in memory. Choose another location for the project file.</source>
        <translation>Das Projekt konnte nicht unter %1 gespeichert werden:
%2

Ihre Arbeit bleibt im Speicher erhalten. Wählen Sie einen anderen Speicherort für die Projektdatei.</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>The COCO export to %1 failed:
%2</source>
        <translation>Der COCO-Export nach %1 ist fehlgeschlagen:
%2</translation>
    </message>
    <message>
        <source>Exported COCO instances to %1 and captions to %2</source>
        <translation>COCO-Instanzen nach %1 und Bildbeschreibungen nach %2 exportiert</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n labelme file(s) could not be written:</source>
        <translation>
            <numerusform>%n labelme-Datei konnte nicht geschrieben werden:</numerusform>
            <numerusform>%n labelme-Dateien konnten nicht geschrieben werden:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n labelme file(s)</source>
        <translation>
            <numerusform>%n labelme-Datei exportiert</numerusform>
            <numerusform>%n labelme-Dateien exportiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n annotated image(s) of the file are not part of this project and were skipped: %1</source>
        <translation>
            <numerusform>%n annotiertes Bild der Datei gehört nicht zu diesem Projekt und wurde übersprungen: %1</numerusform>
            <numerusform>%n annotierte Bilder der Datei gehören nicht zu diesem Projekt und wurden übersprungen: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was imported from %1.</source>
        <translation>Aus %1 wurde nichts importiert.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message numerus="yes">
        <source>Import %n annotation(s)</source>
        <translation>
            <numerusform>%n Annotation importieren</numerusform>
            <numerusform>%n Annotationen importieren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n annotation(s) into %1 image(s)</source>
        <translation>
            <numerusform>%n Annotation in %1 Bild(er) importiert</numerusform>
            <numerusform>%n Annotationen in %1 Bild(er) importiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Import fehlgeschlagen</translation>
    </message>
    <message>
        <source>Nothing was imported; your annotations are unchanged.

%1</source>
        <translation>Es wurde nichts importiert; Ihre Annotationen sind unverändert.

%1</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read and were skipped:</source>
        <translation>
            <numerusform>%n Datei war nicht lesbar und wurde übersprungen:</numerusform>
            <numerusform>%n Dateien waren nicht lesbar und wurden übersprungen:</numerusform>
        </translation>
    </message>
    <message>
        <source>Export incomplete</source>
        <translation>Export unvollständig</translation>
    </message>
    <message numerus="yes">
        <source>%n annotated image(s) could not be read, so their width and height are 0 in %1:
%2</source>
        <translation>
            <numerusform>%n annotiertes Bild konnte nicht gelesen werden; seine Breite und Höhe sind in %1 daher 0:
%2</numerusform>
            <numerusform>%n annotierte Bilder konnten nicht gelesen werden; ihre Breite und Höhe sind in %1 daher 0:
%2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n suggestion(s) not yet accepted were left out</source>
        <translation>
            <numerusform>%n noch nicht angenommener Vorschlag wurde ausgelassen</numerusform>
            <numerusform>%n noch nicht angenommene Vorschläge wurden ausgelassen</numerusform>
        </translation>
    </message>
    <message>
        <source>The export to %1 failed (the folder has no summary.txt, so it is not a complete export):
%2</source>
        <translation>Der Export nach %1 ist fehlgeschlagen (der Ordner hat keine summary.txt, ist also kein vollständiger Export):
%2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n image(s) as %1 into %2.</source>
        <translation>
            <numerusform>%n Bild als %1 nach %2 exportiert.</numerusform>
            <numerusform>%n Bilder als %1 nach %2 exportiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n object(s) written.</source>
        <translation>
            <numerusform>%n Objekt geschrieben.</numerusform>
            <numerusform>%n Objekte geschrieben.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) the format cannot hold were left out; the details say what and why.</source>
        <translation>
            <numerusform>%n Element, das das Format nicht aufnehmen kann, wurde ausgelassen; die Details sagen, was und warum.</numerusform>
            <numerusform>%n Elemente, die das Format nicht aufnehmen kann, wurden ausgelassen; die Details sagen, was und warum.</numerusform>
        </translation>
    </message>
    <message>
        <source>Please read the warnings in the details.</source>
        <translation>Bitte die Warnungen in den Details lesen.</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) could not be read and were left out:</source>
        <translation>
            <numerusform>%n Bild konnte nicht gelesen werden und wurde ausgelassen:</numerusform>
            <numerusform>%n Bilder konnten nicht gelesen werden und wurden ausgelassen:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n image(s) into %1</source>
        <translation>
            <numerusform>%n Bild nach %1 exportiert</numerusform>
            <numerusform>%n Bilder nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Export Summary</source>
        <translation>Export-Zusammenfassung</translation>
    </message>
    <message>
        <source>Not kept by the import:</source>
        <translation>Vom Import nicht übernommen:</translation>
    </message>
</context>
<context>
    <name>florence::ui::PromptTableDialog</name>
    <message>
        <source>Prompt → Label Table</source>
        <translation>Prompt → Label-Tabelle</translation>
    </message>
    <message>
        <source>Each row runs the task once with its prompt; what the model finds gets the row&apos;s label (empty: keep the model&apos;s words).</source>
        <translation>Jede Zeile führt die Aufgabe einmal mit ihrem Prompt aus; was das Modell findet, erhält das Label der Zeile (leer: die Wörter des Modells behalten).</translation>
    </message>
    <message>
        <source>Task:</source>
        <translation>Aufgabe:</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>&amp;Add Row</source>
        <translation>Zeile &amp;hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove Row</source>
        <translation>Zeile &amp;entfernen</translation>
    </message>
    <message>
        <source>Save and &amp;Run on This Image</source>
        <translation>Speichern und auf diesem Bild &amp;ausführen</translation>
    </message>
    <message>
        <source>Row %1 repeats the prompt “%2”.</source>
        <translation>Zeile %1 wiederholt den Prompt „%2“.</translation>
    </message>
</context>
<context>
    <name>florence::ui::RemoveShapes</name>
    <message numerus="yes">
        <source>Delete %n shape(s)</source>
        <translation>
            <numerusform>%n Form löschen</numerusform>
            <numerusform>%n Formen löschen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::RemoveVertex</name>
    <message>
        <source>Delete vertex</source>
        <translation>Eckpunkt löschen</translation>
    </message>
</context>
<context>
    <name>florence::ui::RenameLabel</name>
    <message>
        <source>Merge label &quot;%1&quot; into &quot;%2&quot;</source>
        <translation>Label „%1“ mit „%2“ zusammenführen</translation>
    </message>
    <message>
        <source>Rename label &quot;%1&quot; to &quot;%2&quot;</source>
        <translation>Label „%1“ in „%2“ umbenennen</translation>
    </message>
    <message numerus="yes">
        <source>Merge %n label(s) into &quot;%1&quot;</source>
        <translation>
            <numerusform>%n Label mit „%1“ zusammenführen</numerusform>
            <numerusform>%n Labels mit „%1“ zusammenführen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::ReplaceAnnotations</name>
    <message>
        <source>Replace annotations</source>
        <translation>Annotationen ersetzen</translation>
    </message>
</context>
<context>
    <name>florence::ui::ReplaceShape</name>
    <message>
        <source>Apply model result</source>
        <translation>Modellergebnis übernehmen</translation>
    </message>
</context>
<context>
    <name>florence::ui::ReviewController</name>
    <message>
        <source>Select a suggestion first (N walks through them).</source>
        <translation>Wählen Sie zuerst einen Vorschlag aus (N geht sie der Reihe nach durch).</translation>
    </message>
    <message>
        <source>All suggestions reviewed.</source>
        <translation>Alle Vorschläge geprüft.</translation>
    </message>
    <message>
        <source>No suggestions to review.</source>
        <translation>Keine Vorschläge zu prüfen.</translation>
    </message>
    <message>
        <source>That was the last suggestion.</source>
        <translation>Das war der letzte Vorschlag.</translation>
    </message>
    <message>
        <source>That was the first suggestion.</source>
        <translation>Das war der erste Vorschlag.</translation>
    </message>
    <message>
        <source>No other image has suggestions to review.</source>
        <translation>Kein anderes Bild hat Vorschläge zu prüfen.</translation>
    </message>
    <message>
        <source>Every other image has annotations.</source>
        <translation>Alle anderen Bilder haben Annotationen.</translation>
    </message>
    <message>
        <source>Every other image is reviewed.</source>
        <translation>Alle anderen Bilder sind geprüft.</translation>
    </message>
    <message numerus="yes">
        <source>%n suggestion(s) to review</source>
        <translation>
            <numerusform>%n Vorschlag zu prüfen</numerusform>
            <numerusform>%n Vorschläge zu prüfen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n on this image)</source>
        <translation>
            <numerusform>(%n auf diesem Bild)</numerusform>
            <numerusform>(%n auf diesem Bild)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>the project&apos;s suggestions, then those of this image in brackets (no space before a full-width bracket)</comment>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>florence::ui::ReviewSuggestions</name>
    <message>
        <source>Accept %1, reject %2 suggestion(s)</source>
        <translation>Vorschläge: %1 annehmen, %2 ablehnen</translation>
    </message>
    <message numerus="yes">
        <source>Accept %n suggestion(s)</source>
        <translation>
            <numerusform>%n Vorschlag annehmen</numerusform>
            <numerusform>%n Vorschläge annehmen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reject %n suggestion(s)</source>
        <translation>
            <numerusform>%n Vorschlag ablehnen</numerusform>
            <numerusform>%n Vorschläge ablehnen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::SelectTool</name>
    <message>
        <source>Vertices can only be inserted into polygons; a quad always has four.</source>
        <translation>Eckpunkte lassen sich nur in Polygone einfügen; ein Viereck hat immer vier.</translation>
    </message>
</context>
<context>
    <name>florence::ui::SetImageStatus</name>
    <message>
        <source>Mark as reviewed</source>
        <translation>Als geprüft markieren</translation>
    </message>
    <message>
        <source>Mark as not reviewed</source>
        <translation>Als ungeprüft markieren</translation>
    </message>
</context>
<context>
    <name>florence::ui::SetShapeLabel</name>
    <message numerus="yes">
        <source>Set label of %n shape(s) to &quot;%1&quot;</source>
        <translation>
            <numerusform>Label von %n Form auf „%1“ setzen</numerusform>
            <numerusform>Label von %n Formen auf „%1“ setzen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::SetShapeText</name>
    <message numerus="yes">
        <source>Edit text of %n shape(s)</source>
        <translation>
            <numerusform>Text von %n Form bearbeiten</numerusform>
            <numerusform>Text von %n Formen bearbeiten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::ShapeItem</name>
    <message>
        <source>(no label)</source>
        <translation>(kein Label)</translation>
    </message>
    <message>
        <source>Score %1</source>
        <translation>Konfidenz %1</translation>
    </message>
    <message>
        <source>Suggestion (Enter accepts, Backspace rejects)</source>
        <translation>Vorschlag (Eingabe nimmt an, Rücktaste lehnt ab)</translation>
    </message>
    <message>
        <source>Drawn by hand</source>
        <translation>Von Hand gezeichnet</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>, then edited</source>
        <translation>, danach bearbeitet</translation>
    </message>
    <message>
        <source>Prompt: %1</source>
        <translation>Prompt: %1</translation>
    </message>
    <message>
        <source>Checkpoint %1</source>
        <translation>Checkpoint %1</translation>
    </message>
</context>
<context>
    <name>florence::ui::ShapeListDock</name>
    <message>
        <source>Shapes</source>
        <translation>Formen</translation>
    </message>
    <message>
        <source>All shapes</source>
        <translation>Alle Formen</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>Vorschläge</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Angenommen</translation>
    </message>
    <message>
        <source>New suggestions</source>
        <translation>Neue Vorschläge</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Duplikate</translation>
    </message>
    <message>
        <source>Label conflicts</source>
        <translation>Label-Konflikte</translation>
    </message>
    <message>
        <source>Not found by model</source>
        <translation>Vom Modell nicht gefunden</translation>
    </message>
    <message>
        <source>Drawn by hand</source>
        <translation>Von Hand gezeichnet</translation>
    </message>
    <message>
        <source>Show only shapes from one model</source>
        <translation>Nur Formen von einem Modell anzeigen</translation>
    </message>
    <message>
        <source>Filter by label</source>
        <translation>Nach Label filtern</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message>
        <source>Any source</source>
        <translation>Alle Quellen</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>angenommen</translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation>(kein Label)</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>von Hand</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>bearbeitet</translation>
    </message>
    <message>
        <source>suggestion, %1</source>
        <translation>Vorschlag, %1</translation>
    </message>
    <message>
        <source>Shapes (%1)</source>
        <translation>Formen (%1)</translation>
    </message>
    <message>
        <source>box</source>
        <translation>Box</translation>
    </message>
    <message>
        <source>quad</source>
        <translation>Viereck</translation>
    </message>
    <message>
        <source>polygon</source>
        <translation>Polygon</translation>
    </message>
</context>
<context>
    <name>florence::ui::ShortcutSettings</name>
    <message>
        <source>%1 cancels drawing and clears the selection on the canvas.</source>
        <translation>%1 bricht auf der Zeichenfläche das Zeichnen ab und hebt die Auswahl auf.</translation>
    </message>
    <message>
        <source>%1 + drag pans the canvas.</source>
        <translation>%1 + Ziehen verschiebt die Ansicht der Zeichenfläche.</translation>
    </message>
    <message>
        <source>%1 moves the keyboard focus between panels.</source>
        <translation>%1 bewegt den Tastaturfokus zwischen den Bereichen.</translation>
    </message>
    <message>
        <source>%1 moves the selected shapes on the canvas.</source>
        <translation>%1 verschiebt die ausgewählten Formen auf der Zeichenfläche.</translation>
    </message>
    <message>
        <source>%1 is already the shortcut of “%2”.</source>
        <translation>%1 ist bereits das Tastenkürzel von „%2“.</translation>
    </message>
</context>
<context>
    <name>florence::ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Canvas</source>
        <translation>Zeichenfläche</translation>
    </message>
    <message>
        <source>Mouse wheel</source>
        <translation>Mausrad</translation>
    </message>
    <message>
        <source>Zoom around the cursor</source>
        <translation>Um den Mauszeiger zoomen</translation>
    </message>
    <message>
        <source>Middle button drag, or Space + drag</source>
        <translation>Mit der mittleren Maustaste ziehen oder Leertaste + Ziehen</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>Ansicht verschieben</translation>
    </message>
    <message>
        <source>Ctrl+click</source>
        <translation>Strg+Klick</translation>
    </message>
    <message>
        <source>Add a shape to / remove it from the selection</source>
        <translation>Form zur Auswahl hinzufügen / aus ihr entfernen</translation>
    </message>
    <message>
        <source>Drag on empty canvas</source>
        <translation>Auf leerer Fläche ziehen</translation>
    </message>
    <message>
        <source>Rubber-band selection (Ctrl adds)</source>
        <translation>Rahmenauswahl (Strg fügt hinzu)</translation>
    </message>
    <message>
        <source>Double-click on a polygon edge</source>
        <translation>Doppelklick auf eine Polygonkante</translation>
    </message>
    <message>
        <source>Insert a vertex</source>
        <translation>Einen Eckpunkt einfügen</translation>
    </message>
    <message>
        <source>Click a vertex, then Delete</source>
        <translation>Eckpunkt anklicken, dann Entf</translation>
    </message>
    <message>
        <source>Delete that vertex</source>
        <translation>Diesen Eckpunkt löschen</translation>
    </message>
    <message>
        <source>Arrow keys (Shift: 10 px)</source>
        <translation>Pfeiltasten (Umschalt: 10 px)</translation>
    </message>
    <message>
        <source>Move the selected shapes by 1 pixel</source>
        <translation>Ausgewählte Formen um 1 Pixel verschieben</translation>
    </message>
    <message>
        <source>Enter, double-click or right-click</source>
        <translation>Eingabe, Doppelklick oder Rechtsklick</translation>
    </message>
    <message>
        <source>Finish a polygon</source>
        <translation>Ein Polygon abschließen</translation>
    </message>
    <message>
        <source>Backspace</source>
        <translation>Rücktaste</translation>
    </message>
    <message>
        <source>Remove the last polygon vertex</source>
        <translation>Den letzten Polygon-Eckpunkt entfernen</translation>
    </message>
    <message>
        <source>Escape</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Cancel drawing or dragging; clear the selection</source>
        <translation>Zeichnen oder Ziehen abbrechen; Auswahl aufheben</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menü</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Shift+drag</source>
        <translation>Umschalt+Ziehen</translation>
    </message>
    <message>
        <source>Rubber-band selection starting anywhere, adding to the selection</source>
        <translation>Rahmenauswahl, die überall beginnen kann und zur Auswahl hinzufügt</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <source>Handled by the canvas; cannot be changed.</source>
        <translation>Wird von der Zeichenfläche verarbeitet; nicht änderbar.</translation>
    </message>
    <message>
        <source>Filter by menu, action or key</source>
        <translation>Nach Menü, Aktion oder Taste filtern</translation>
    </message>
    <message>
        <source>Reset &amp;All to Defaults</source>
        <translation>&amp;Alle auf Vorgaben zurücksetzen</translation>
    </message>
    <message>
        <source>Every shortcut is back to its default.</source>
        <translation>Alle Tastenkürzel sind wieder auf ihrer Vorgabe.</translation>
    </message>
    <message>
        <source>Click, then press the new keys</source>
        <translation>Klicken, dann die neuen Tasten drücken</translation>
    </message>
    <message>
        <source>Remove this key</source>
        <translation>Diese Taste entfernen</translation>
    </message>
    <message>
        <source>Key removed.</source>
        <translation>Taste entfernt.</translation>
    </message>
    <message>
        <source>Shortcut:</source>
        <translation>Tastenkürzel:</translation>
    </message>
    <message>
        <source>Alternative:</source>
        <translation>Alternative:</translation>
    </message>
    <message>
        <source>&amp;Reset to Default</source>
        <translation>Auf &amp;Vorgabe zurücksetzen</translation>
    </message>
    <message>
        <source>Default restored.</source>
        <translation>Vorgabe wiederhergestellt.</translation>
    </message>
    <message>
        <source>Default restored; its key was removed from %1.</source>
        <translation>Vorgabe wiederhergestellt; die Taste wurde bei %1 entfernt.</translation>
    </message>
    <message>
        <source>Reassign</source>
        <translation>Neu zuweisen</translation>
    </message>
    <message>
        <source>Take the key from the other action and give it to this one</source>
        <translation>Die Taste der anderen Aktion wegnehmen und dieser geben</translation>
    </message>
    <message>
        <source>%1 moved from “%2”.</source>
        <translation>%1 von „%2“ hierher verschoben.</translation>
    </message>
    <message>
        <source>Keys of “%1”</source>
        <translation>Tasten von „%1“</translation>
    </message>
    <message>
        <source>Select an action to change its keys</source>
        <translation>Wählen Sie eine Aktion aus, um ihre Tasten zu ändern</translation>
    </message>
    <message>
        <source>Saved. The new key works at once.</source>
        <translation>Gespeichert. Die neue Taste wirkt sofort.</translation>
    </message>
    <message>
        <source>Changed; the default is %1</source>
        <translation>Geändert; die Vorgabe ist %1</translation>
    </message>
    <message>
        <source>no key</source>
        <translation>keine Taste</translation>
    </message>
</context>
<context>
    <name>florence::ui::TaskDock</name>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Nothing more</source>
        <translation>Nichts weiter</translation>
    </message>
    <message>
        <source>Segment each box</source>
        <translation>Jede Box segmentieren</translation>
    </message>
    <message>
        <source>Describe each box</source>
        <translation>Jede Box beschreiben</translation>
    </message>
    <message>
        <source>Run a region task on every detected box: a polygon or a description per object</source>
        <translation>Eine Regionsaufgabe auf jeder erkannten Box ausführen: ein Polygon oder eine Beschreibung pro Objekt</translation>
    </message>
    <message>
        <source>Task:</source>
        <translation>Aufgabe:</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>Text:</translation>
    </message>
    <message>
        <source>Then:</source>
        <translation>Danach:</translation>
    </message>
    <message>
        <source>model default</source>
        <translation>Modellvorgabe</translation>
    </message>
    <message>
        <source>Beam search width; more beams are slower and sometimes better</source>
        <translation>Breite der Strahlsuche; mehr Strahlen sind langsamer und manchmal besser</translation>
    </message>
    <message>
        <source>Longest answer, in tokens</source>
        <translation>Längste Antwort, in Token</translation>
    </message>
    <message>
        <source>Confidence scores</source>
        <translation>Konfidenzwerte</translation>
    </message>
    <message>
        <source>Give every box a score (mean probability of its location tokens)</source>
        <translation>Jeder Box eine Konfidenz geben (mittlere Wahrscheinlichkeit ihrer Positions-Token)</translation>
    </message>
    <message>
        <source>max tokens:</source>
        <translation>max. Token:</translation>
    </message>
    <message>
        <source>Beams:</source>
        <translation>Strahlen:</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>Run the task on the current image (Ctrl+Return)</source>
        <translation>Die Aufgabe auf dem aktuellen Bild ausführen (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop the run after the current decoding step (Model ▸ Cancel Run, Ctrl+.)</source>
        <translation>Den Durchlauf nach dem aktuellen Dekodierschritt anhalten (Modell ▸ Durchlauf abbrechen, Strg+.)</translation>
    </message>
    <message>
        <source>Detect + Segment</source>
        <translation>Erkennen + Segmentieren</translation>
    </message>
    <message>
        <source>Object detection, then a polygon for each detected box</source>
        <translation>Objekterkennung, dann ein Polygon für jede erkannte Box</translation>
    </message>
    <message>
        <source>Detect + Describe</source>
        <translation>Erkennen + Beschreiben</translation>
    </message>
    <message>
        <source>Object detection, then a description for each detected box</source>
        <translation>Objekterkennung, dann eine Beschreibung für jede erkannte Box</translation>
    </message>
    <message>
        <source>Hide shapes whose score is below the threshold (shapes without a score always show)</source>
        <translation>Formen mit einer Konfidenz unter der Schwelle ausblenden (Formen ohne Konfidenz bleiben sichtbar)</translation>
    </message>
    <message>
        <source>Hide scores below</source>
        <translation>Konfidenz unter … ausblenden</translation>
    </message>
    <message>
        <source>Raw output of the last run</source>
        <translation>Rohausgabe des letzten Durchlaufs</translation>
    </message>
    <message>
        <source>The text the model generated, special tokens included.</source>
        <translation>Der vom Modell erzeugte Text, mit Sondertoken.</translation>
    </message>
    <message>
        <source>(this task takes no text)</source>
        <translation>(diese Aufgabe nimmt keinen Text)</translation>
    </message>
    <message numerus="yes">
        <source>Runs on the %n selected shape(s); the answer is attached to each.</source>
        <translation>
            <numerusform>Läuft auf der %n ausgewählten Form; die Antwort wird an sie angehängt.</numerusform>
            <numerusform>Läuft auf den %n ausgewählten Formen; die Antwort wird an jede angehängt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Draw a box or select shapes: the task runs on each selected region.</source>
        <translation>Zeichnen Sie eine Box oder wählen Sie Formen aus: Die Aufgabe läuft auf jeder ausgewählten Region.</translation>
    </message>
    <message>
        <source>Run %1 of %2 · </source>
        <translation>Durchlauf %1 von %2 · </translation>
    </message>
    <message numerus="yes">
        <source>Decoding: %n token(s)</source>
        <translation>
            <numerusform>Dekodierung: %n Token</numerusform>
            <numerusform>Dekodierung: %n Token</numerusform>
        </translation>
    </message>
    <message>
        <source>Off (whole image at once)</source>
        <translation>Aus (ganzes Bild auf einmal)</translation>
    </message>
    <message>
        <source>Auto (1024 px tiles)</source>
        <translation>Automatisch (Kacheln zu 1024 px)</translation>
    </message>
    <message>
        <source>Grid of N × M tiles</source>
        <translation>Raster aus N × M Kacheln</translation>
    </message>
    <message>
        <source>Tile size</source>
        <translation>Kachelgröße</translation>
    </message>
    <message>
        <source>Large images: run the task on overlapping tiles at full resolution and merge the answers (detection and OCR tasks)</source>
        <translation>Große Bilder: die Aufgabe auf überlappenden Kacheln in voller Auflösung ausführen und die Antworten zusammenführen (Erkennungs- und OCR-Aufgaben)</translation>
    </message>
    <message>
        <source>columns ×</source>
        <translation>Spalten ×</translation>
    </message>
    <message>
        <source>rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Overlap between neighbouring tiles, so objects cut by one tile are whole in the next</source>
        <translation>Überlappung benachbarter Kacheln, damit ein von einer Kachel zerschnittenes Objekt in der nächsten ganz ist</translation>
    </message>
    <message>
        <source>overlap</source>
        <translation>Überlappung</translation>
    </message>
    <message>
        <source>Also run the whole image</source>
        <translation>Auch das ganze Bild ausführen</translation>
    </message>
    <message>
        <source>Catches objects larger than a tile; its shapes replace the cut pieces</source>
        <translation>Erfasst Objekte, die größer als eine Kachel sind; seine Formen ersetzen die zerschnittenen Stücke</translation>
    </message>
    <message>
        <source>Tiles:</source>
        <translation>Kacheln:</translation>
    </message>
    <message>
        <source>Large images: run the task on overlapping tiles at full resolution and merge the answers</source>
        <translation>Große Bilder: die Aufgabe auf überlappenden Kacheln in voller Auflösung ausführen und die Antworten zusammenführen</translation>
    </message>
    <message>
        <source>Only detection and OCR tasks on the whole image run tiled</source>
        <translation>Nur Erkennungs- und OCR-Aufgaben auf dem ganzen Bild laufen gekachelt</translation>
    </message>
    <message>
        <source>Tile %1 of %2 · </source>
        <translation>Kachel %1 von %2 · </translation>
    </message>
    <message numerus="yes">
        <source>%n images together · </source>
        <translation>
            <numerusform>%n Bild zusammen · </numerusform>
            <numerusform>%n Bilder zusammen · </numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::TaskNames</name>
    <message>
        <source>Caption</source>
        <translation>Bildunterschrift</translation>
    </message>
    <message>
        <source>One-sentence caption of the whole image.</source>
        <translation>Eine Bildunterschrift in einem Satz für das ganze Bild.</translation>
    </message>
    <message>
        <source>Detailed caption</source>
        <translation>Ausführliche Bildunterschrift</translation>
    </message>
    <message>
        <source>A few sentences describing the image.</source>
        <translation>Einige Sätze, die das Bild beschreiben.</translation>
    </message>
    <message>
        <source>More detailed caption</source>
        <translation>Sehr ausführliche Bildunterschrift</translation>
    </message>
    <message>
        <source>A paragraph describing the image.</source>
        <translation>Ein Absatz, der das Bild beschreibt.</translation>
    </message>
    <message>
        <source>Object detection</source>
        <translation>Objekterkennung</translation>
    </message>
    <message>
        <source>Boxes with a category name for each object.</source>
        <translation>Boxen mit einem Kategorienamen für jedes Objekt.</translation>
    </message>
    <message>
        <source>Dense region caption</source>
        <translation>Dichte Regionsbeschreibung</translation>
    </message>
    <message>
        <source>Boxes with a short description for each region.</source>
        <translation>Boxen mit einer kurzen Beschreibung für jede Region.</translation>
    </message>
    <message>
        <source>Region proposal</source>
        <translation>Regionsvorschläge</translation>
    </message>
    <message>
        <source>Unlabelled boxes around likely objects.</source>
        <translation>Unbeschriftete Boxen um wahrscheinliche Objekte.</translation>
    </message>
    <message>
        <source>OCR</source>
        <translation>Texterkennung (OCR)</translation>
    </message>
    <message>
        <source>All text in the image as plain text.</source>
        <translation>Der gesamte Text im Bild als reiner Text.</translation>
    </message>
    <message>
        <source>OCR with regions</source>
        <translation>Texterkennung mit Regionen</translation>
    </message>
    <message>
        <source>Text lines with a quadrilateral around each.</source>
        <translation>Textzeilen mit einem Viereck um jede.</translation>
    </message>
    <message>
        <source>Phrase grounding</source>
        <translation>Phrasen-Verankerung</translation>
    </message>
    <message>
        <source>Boxes for the phrases of a caption you type.</source>
        <translation>Boxen für die Phrasen einer eingegebenen Bildunterschrift.</translation>
    </message>
    <message>
        <source>Referring expression segmentation</source>
        <translation>Segmentierung per Beschreibung</translation>
    </message>
    <message>
        <source>A polygon mask for the object you describe.</source>
        <translation>Eine Polygonmaske für das beschriebene Objekt.</translation>
    </message>
    <message>
        <source>Region to segmentation</source>
        <translation>Region zu Segmentierung</translation>
    </message>
    <message>
        <source>A polygon mask for the object inside a region.</source>
        <translation>Eine Polygonmaske für das Objekt in einer Region.</translation>
    </message>
    <message>
        <source>Open-vocabulary detection</source>
        <translation>Erkennung mit offenem Vokabular</translation>
    </message>
    <message>
        <source>Boxes (or polygons) for the category you type.</source>
        <translation>Boxen (oder Polygone) für die eingegebene Kategorie.</translation>
    </message>
    <message>
        <source>Region to category</source>
        <translation>Region zu Kategorie</translation>
    </message>
    <message>
        <source>The category of the object inside a region.</source>
        <translation>Die Kategorie des Objekts in einer Region.</translation>
    </message>
    <message>
        <source>Region to description</source>
        <translation>Region zu Beschreibung</translation>
    </message>
    <message>
        <source>A short description of a region.</source>
        <translation>Eine kurze Beschreibung einer Region.</translation>
    </message>
    <message>
        <source>Region to OCR</source>
        <translation>Region zu Text (OCR)</translation>
    </message>
    <message>
        <source>The text inside a region.</source>
        <translation>Der Text in einer Region.</translation>
    </message>
    <message>
        <source>A caption whose phrases to find, e.g. “A green car parked next to a tree”</source>
        <translation>Eine Bildunterschrift, deren Phrasen gesucht werden, z. B. „Ein grünes Auto neben einem Baum“</translation>
    </message>
    <message>
        <source>The object to segment, e.g. “the dog on the left”</source>
        <translation>Das zu segmentierende Objekt, z. B. „der Hund links“</translation>
    </message>
    <message>
        <source>The category to find, e.g. “traffic light”</source>
        <translation>Die gesuchte Kategorie, z. B. „Ampel“</translation>
    </message>
    <message>
        <source>Preprocessing</source>
        <translation>Vorverarbeitung</translation>
    </message>
    <message>
        <source>Vision encoder</source>
        <translation>Vision-Encoder</translation>
    </message>
    <message>
        <source>Text encoder</source>
        <translation>Text-Encoder</translation>
    </message>
    <message>
        <source>Decoding</source>
        <translation>Dekodierung</translation>
    </message>
    <message>
        <source>Post-processing</source>
        <translation>Nachverarbeitung</translation>
    </message>
</context>
<context>
    <name>florence::ui::TextDock</name>
    <message>
        <source>Captions and Text</source>
        <translation>Bildbeschreibungen und Text</translation>
    </message>
    <message>
        <source>Add Caption</source>
        <translation>Beschreibung hinzufügen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Ändern…</translation>
    </message>
    <message>
        <source>Image captions</source>
        <translation>Bildbeschreibungen</translation>
    </message>
    <message>
        <source>Double-click a caption to edit it</source>
        <translation>Doppelklicken Sie auf eine Beschreibung, um sie zu bearbeiten</translation>
    </message>
    <message>
        <source>Selected shape</source>
        <translation>Ausgewählte Form</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>Label:</translation>
    </message>
    <message>
        <source>OCR text or description</source>
        <translation>OCR-Text oder Beschreibung</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>Text:</translation>
    </message>
    <message>
        <source>New caption</source>
        <translation>Neue Beschreibung</translation>
    </message>
    <message>
        <source>Written by hand</source>
        <translation>Von Hand geschrieben</translation>
    </message>
    <message>
        <source>From the model task %1</source>
        <translation>Von der Modellaufgabe %1</translation>
    </message>
    <message numerus="yes">
        <source>%n shapes selected</source>
        <translation>
            <numerusform>%n Form ausgewählt</numerusform>
            <numerusform>%n Formen ausgewählt</numerusform>
        </translation>
    </message>
    <message>
        <source>No shape selected</source>
        <translation>Keine Form ausgewählt</translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation>(kein Label)</translation>
    </message>
    <message>
        <source>score %1</source>
        <translation>Konfidenz %1</translation>
    </message>
    <message>
        <source>Add caption</source>
        <translation>Bildbeschreibung hinzufügen</translation>
    </message>
    <message>
        <source>Edit caption</source>
        <translation>Bildbeschreibung bearbeiten</translation>
    </message>
    <message>
        <source>Delete caption</source>
        <translation>Bildbeschreibung löschen</translation>
    </message>
</context>
<context>
    <name>florence::ui::TrainingDock</name>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>optimizer step</source>
        <translation>Optimierungsschritt</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>training loss (per step)</source>
        <translation>Trainingsverlust (pro Schritt)</translation>
    </message>
    <message>
        <source>validation loss (per epoch)</source>
        <translation>Validierungsverlust (pro Epoche)</translation>
    </message>
    <message>
        <source>No training yet: Model ▸ Fine-tune…</source>
        <translation>Noch kein Training: Modell ▸ Feinabstimmen…</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop after the current step; nothing is saved</source>
        <translation>Nach dem aktuellen Schritt stoppen; nichts wird gespeichert</translation>
    </message>
    <message>
        <source>Use the New Model</source>
        <translation>Neues Modell verwenden</translation>
    </message>
    <message>
        <source>Load the trained model and run the current task on the current image again</source>
        <translation>Das trainierte Modell laden und die aktuelle Aufgabe erneut auf dem aktuellen Bild ausführen</translation>
    </message>
    <message>
        <source>Starting the training into %1…</source>
        <translation>Starte das Training nach %1…</translation>
    </message>
    <message>
        <source>Epoch %1: validation loss %2</source>
        <translation>Epoche %1: Validierungsverlust %2</translation>
    </message>
    <message>
        <source>Step %1 of %2 · epoch %3 · loss %4 · %5 examples/s · %6 left</source>
        <translation>Schritt %1 von %2 · Epoche %3 · Verlust %4 · %5 Beispiele/s · noch %6</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Paused after the current step</source>
        <translation>Nach dem aktuellen Schritt angehalten</translation>
    </message>
    <message numerus="yes">
        <source>Trained %n step(s) in %1 s (%2 examples/s); the model is in %3</source>
        <translation>
            <numerusform>%n Schritt in %1 s trainiert (%2 Beispiele/s); das Modell liegt in %3</numerusform>
            <numerusform>%n Schritte in %1 s trainiert (%2 Beispiele/s); das Modell liegt in %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %n step(s); nothing was saved</source>
        <translation>
            <numerusform>Nach %n Schritt abgebrochen; nichts wurde gespeichert</numerusform>
            <numerusform>Nach %n Schritten abgebrochen; nichts wurde gespeichert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n example(s) skipped: %1</source>
        <translation>
            <numerusform>%n Beispiel übersprungen: %1</numerusform>
            <numerusform>%n Beispiele übersprungen: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::TrainingRunner</name>
    <message>
        <source>Loading the model for training…</source>
        <translation>Lade das Modell für das Training…</translation>
    </message>
    <message numerus="yes">
        <source>Training on %n example(s); the first step also computes the image features…</source>
        <translation>
            <numerusform>Training mit %n Beispiel; der erste Schritt berechnet auch die Bildmerkmale…</numerusform>
            <numerusform>Training mit %n Beispielen; der erste Schritt berechnet auch die Bildmerkmale…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>florence::ui::TrainingSession</name>
    <message>
        <source>Fine-tuning done: the new model is in %1</source>
        <translation>Feinabstimmung fertig: Das neue Modell liegt in %1</translation>
    </message>
    <message>
        <source>Fine-tune</source>
        <translation>Feinabstimmung</translation>
    </message>
    <message>
        <source>Load the model to fine-tune first (Model ▸ Choose Model…).</source>
        <translation>Laden Sie zuerst das Modell, das feinabgestimmt werden soll (Modell ▸ Modell wählen…).</translation>
    </message>
    <message>
        <source>A fine-tuning run is going; cancel it first.</source>
        <translation>Eine Feinabstimmung läuft; brechen Sie sie zuerst ab.</translation>
    </message>
    <message>
        <source>There is nothing to train on: no example for the chosen images and tasks.</source>
        <translation>Es gibt nichts zu trainieren: kein Beispiel für die gewählten Bilder und Aufgaben.</translation>
    </message>
    <message>
        <source>The new model needs a folder of its own, not the base model&apos;s.</source>
        <translation>Das neue Modell braucht einen eigenen Ordner, nicht den des Ausgangsmodells.</translation>
    </message>
    <message>
        <source>The new model is loaded; %1</source>
        <translation>Das neue Modell ist geladen; %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Florence-2 annotation studio</source>
        <translation>Florence-2-Annotationsstudio</translation>
    </message>
    <message>
        <source>CPU threads for inference (default: OMP_NUM_THREADS or all cores).</source>
        <translation>CPU-Threads für die Inferenz (Vorgabe: OMP_NUM_THREADS oder alle Kerne).</translation>
    </message>
    <message>
        <source>Image files or folders to open.</source>
        <translation>Zu öffnende Bilddateien oder Ordner.</translation>
    </message>
    <message>
        <source>Florence-2 model folder to load (default: FLORENCE_MODEL_DIR, else the folder chosen last time).</source>
        <translation>Zu ladender Florence-2-Modellordner (Vorgabe: FLORENCE_MODEL_DIR, sonst der zuletzt gewählte Ordner).</translation>
    </message>
</context>
</TS>
