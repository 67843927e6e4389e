<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" sourcelanguage="en">
<context>
    <name>ActorPicker</name>
    <message>
        <location filename="../../annotator/ui/labels/actor_picker.py" line="47"/>
        <source>type a name or alias</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActorRegistry</name>
    <message>
        <location filename="../../annotator/ui/labels/actor_registry.py" line="205"/>
        <source>Filter actors by name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/actor_registry.py" line="207"/>
        <source>Filter actors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/actor_registry.py" line="215"/>
        <source>Actors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/actor_registry.py" line="221"/>
        <source>Actor name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/actor_registry.py" line="224"/>
        <source>Actor type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/actor_registry.py" line="230"/>
        <source>another name, then Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/actor_registry.py" line="231"/>
        <source>New alias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/actor_registry.py" line="235"/>
        <source>Merge into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/actor_registry.py" line="236"/>
        <source>Merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/actor_registry.py" line="240"/>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/actor_registry.py" line="241"/>
        <source>T&amp;ype</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/actor_registry.py" line="242"/>
        <source>Al&amp;ias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/actor_registry.py" line="243"/>
        <source>Merge int&amp;o</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActorRegistryModel</name>
    <message>
        <location filename="../../annotator/ui/labels/actor_registry.py" line="54"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/actor_registry.py" line="55"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/actor_registry.py" line="56"/>
        <source>Aliases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/actor_registry.py" line="57"/>
        <source>Mentions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/actor_registry.py" line="58"/>
        <source>Claims</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/actor_registry.py" line="179"/>
        <source>Counting the labels…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdjudicationView</name>
    <message>
        <location filename="../../annotator/ui/lead/adjudication.py" line="54"/>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/adjudication.py" line="55"/>
        <source>boundary differs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/adjudication.py" line="56"/>
        <source>fields differ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/adjudication.py" line="80"/>
        <source>Adjudication — {project}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/adjudication.py" line="90"/>
        <source>Article to adjudicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/adjudication.py" line="108"/>
        <source>Left labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/adjudication.py" line="108"/>
        <source>Right labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/adjudication.py" line="128"/>
        <source>Differences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/adjudication.py" line="134"/>
        <source>. next difference · 1 accept left · 2 accept right · Ctrl+D adjudicated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/adjudication.py" line="157"/>
        <source>{title}  ({share} differ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/adjudication.py" line="162"/>
        <source>No article has been labelled by two annotators yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/adjudication.py" line="190"/>
        <source>&lt;b&gt;gold&lt;/b&gt; — the settled labels; label and edit as usual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/adjudication.py" line="212"/>
        <source>{open} of {total} differences open · . next · , previous · 1 accept left · 2 accept right · Ctrl+D adjudicated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/adjudication.py" line="269"/>
        <source>{annotator} has no {label} here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/adjudication.py" line="295"/>
        <source>{done} of {total} adjudicated</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ArticleListModel</name>
    <message>
        <location filename="../../annotator/ui/articles/article_list.py" line="32"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/articles/article_list.py" line="33"/>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/articles/article_list.py" line="34"/>
        <source>Story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/articles/article_list.py" line="35"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/articles/article_list.py" line="36"/>
        <source>Claims</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ArticleListPanel</name>
    <message>
        <location filename="../../annotator/ui/articles/article_list_panel.py" line="107"/>
        <source>Search titles and text (Ctrl+Shift+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/articles/article_list_panel.py" line="109"/>
        <source>Search articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/articles/article_list_panel.py" line="112"/>
        <source>My articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/articles/article_list_panel.py" line="113"/>
        <source>Only the articles assigned to you (Ctrl+M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/articles/article_list_panel.py" line="114"/>
        <source>Only my articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/articles/article_list_panel.py" line="122"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/articles/article_list_panel.py" line="122"/>
        <source>Status: any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/articles/article_list_panel.py" line="125"/>
        <source>Story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/articles/article_list_panel.py" line="125"/>
        <source>Story: any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/articles/article_list_panel.py" line="128"/>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/articles/article_list_panel.py" line="128"/>
        <source>Source: any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/articles/article_list_panel.py" line="154"/>
        <source>Articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../annotator/ui/articles/article_list_panel.py" line="227"/>
        <source>%n article(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ArticleView</name>
    <message>
        <location filename="../../annotator/ui/text/article_view.py" line="81"/>
        <source>Move the selection&apos;s end by a character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/text/article_view.py" line="85"/>
        <source>Move the selection&apos;s end by a word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/text/article_view.py" line="89"/>
        <source>Move the selection&apos;s start by a character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/text/article_view.py" line="93"/>
        <source>Move the selection&apos;s start by a word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/text/article_view.py" line="97"/>
        <source>Select the word, then the clause, sentence, paragraph around the caret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/text/article_view.py" line="101"/>
        <source>Back to the selection before Alt+↑</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/text/article_view.py" line="182"/>
        <source>Article text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/text/article_view.py" line="517"/>
        <source>Remove “{words}” from the claim</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="298"/>
        <source>Assign work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="301"/>
        <source>ana, ben, cy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="302"/>
        <source>Annotators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="305"/>
        <source> % labelled twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="307"/>
        <source>Overlap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="309"/>
        <source>article by article (round robin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="310"/>
        <source>whole stories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="311"/>
        <source>Assign by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="312"/>
        <source>&amp;Annotators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="313"/>
        <source>&amp;Overlap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="314"/>
        <source>&amp;By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="317"/>
        <source>This replaces the current assignments. Labels are not touched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="320"/>
        <source>Assign</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClaimEditor</name>
    <message>
        <location filename="../../annotator/ui/labelling/claims.py" line="58"/>
        <source>Select a claim first (mark one with C, or click one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labelling/claims.py" line="85"/>
        <source>The selection overlaps “{words}”, which the claim has already: select only the words to add, then press +.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labelling/claims.py" line="94"/>
        <source>The selection covers the claim&apos;s cue “{words}”: select the quoted words on one side of it, then press +.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../annotator/ui/labelling/claims.py" line="103"/>
        <source>The claim&apos;s words are now in %n segment(s): Ctrl+Z undoes it.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labelling/claims.py" line="115"/>
        <source>The claim is in one piece: Delete deletes it, + adds words to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labelling/claims.py" line="120"/>
        <source>Select words of one of the claim&apos;s segments, then press -.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labelling/claims.py" line="129"/>
        <source>Removed “{words}” from the claim (Ctrl+Z brings it back).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labelling/claims.py" line="154"/>
        <source>New actor {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labelling/claims.py" line="195"/>
        <source>No actor is called “{words}”: pick or create the claimant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labelling/claims.py" line="199"/>
        <source>“{words}” is no actor: {named} named (Enter creates it), {keys}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labelling/claims.py" line="221"/>
        <source>Enter creates the actor “{words}” as the claimant; or type another name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClaimForm</name>
    <message>
        <location filename="../../annotator/ui/labels/claim_form.py" line="37"/>
        <source>Claimant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/claim_form.py" line="38"/>
        <source>Addressee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/claim_form.py" line="39"/>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/claim_form.py" line="83"/>
        <location filename="../../annotator/ui/labels/claim_form.py" line="167"/>
        <source>Select text and press C to mark a claim.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/claim_form.py" line="99"/>
        <source>select the source and press S, or type unnamed words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/claim_form.py" line="101"/>
        <location filename="../../annotator/ui/labels/claim_form.py" line="108"/>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/claim_form.py" line="104"/>
        <location filename="../../annotator/ui/labels/claim_form.py" line="111"/>
        <source>Cue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/claim_form.py" line="113"/>
        <location filename="../../annotator/ui/labels/claim_form.py" line="115"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClaimLinker</name>
    <message>
        <location filename="../../annotator/ui/labelling/links.py" line="34"/>
        <source>Show an article side by side first (Ctrl+Shift+B).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClaimListModel</name>
    <message>
        <location filename="../../annotator/ui/labels/label_lists.py" line="166"/>
        <source>no claimant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/label_lists.py" line="168"/>
        <source>no stance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/label_lists.py" line="169"/>
        <source>“{quote}” — {claimant}, {stance}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ComparePane</name>
    <message>
        <location filename="../../annotator/ui/text/compare.py" line="57"/>
        <source>Article to compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/text/compare.py" line="62"/>
        <source>Compared article text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/text/compare.py" line="64"/>
        <source>Claims of the compared article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/text/compare.py" line="76"/>
        <source>Link (Ctrl+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/text/compare.py" line="77"/>
        <source>Unlink (Ctrl+Shift+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/text/compare.py" line="113"/>
        <source>No other article in this story.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../annotator/ui/text/compare.py" line="151"/>
        <source>%n linked claim(s) here</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <location filename="../../annotator/ui/window/app.py" line="249"/>
        <source>Cannot open the sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/app.py" line="320"/>
        <source>Open project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/app.py" line="338"/>
        <source>New project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/app.py" line="338"/>
        <source>Choose where to save the project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/app.py" line="348"/>
        <source>Cannot create the project</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="41"/>
        <source>Annotator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="42"/>
        <source>Assigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="43"/>
        <location filename="../../annotator/ui/lead/dashboard.py" line="147"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="44"/>
        <location filename="../../annotator/ui/lead/dashboard.py" line="148"/>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="45"/>
        <source>Skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="46"/>
        <source>Claims</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="47"/>
        <source>Mentions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="93"/>
        <source>Team dashboard — {project}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="106"/>
        <source>&amp;Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="107"/>
        <source>&amp;Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="108"/>
        <source>&amp;Agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="109"/>
        <source>&amp;Disagreements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="141"/>
        <source>Nobody has labelled anything yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="144"/>
        <source>Progress per annotator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="151"/>
        <source>To do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="160"/>
        <source>Articles per annotator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="170"/>
        <source>Progress chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="179"/>
        <source>Field to count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="201"/>
        <source>not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="213"/>
        <source>{field} of claims, per annotator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="224"/>
        <source>Label distribution chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="237"/>
        <source>Most disagreement first; Enter or double click opens it for adjudication.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="243"/>
        <source>Articles by disagreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="248"/>
        <source>{share} differ — {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="268"/>
        <source>No agreement yet: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="273"/>
        <source>No agreement yet: no article has two annotators.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../annotator/ui/lead/dashboard.py" line="277"/>
        <source>%n article(s) labelled by two or more annotators.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="282"/>
        <source>Spans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="282"/>
        <source>Exact F1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="282"/>
        <source>Overlap F1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="284"/>
        <source>Span agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="293"/>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="294"/>
        <source>Krippendorff&apos;s α</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="295"/>
        <source>Units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="296"/>
        <source>Fleiss&apos; κ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="299"/>
        <source>Field agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="308"/>
        <source>Pair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="308"/>
        <source>Claims exact F1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="308"/>
        <source>Stance κ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="310"/>
        <source>Agreement between pairs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="313"/>
        <source>Claims exact F1 between each two annotators:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatasetBuilder</name>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="415"/>
        <location filename="../../annotator/ui/window/dataset_build.py" line="436"/>
        <location filename="../../annotator/ui/window/dataset_build.py" line="487"/>
        <source>Build dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="415"/>
        <source>A dataset is being built already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="437"/>
        <location filename="../../annotator/ui/window/dataset_build.py" line="460"/>
        <source>Reading the articles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="460"/>
        <source>Writing the splits…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="475"/>
        <source>Dataset of {count} articles built in {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="488"/>
        <source>The dataset was not built: {error}

The folder was left as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="496"/>
        <source>Dataset build cancelled; the folder was left as it was.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatasetCardView</name>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="362"/>
        <source>Dataset built</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="364"/>
        <source>Written to {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="368"/>
        <source>Dataset card</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatasetDialog</name>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="101"/>
        <location filename="../../annotator/ui/window/dataset_build.py" line="237"/>
        <source>Build dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="108"/>
        <source>Train %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="108"/>
        <source>Dev %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="108"/>
        <source>Test %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="118"/>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="124"/>
        <source>Near-duplicate threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="126"/>
        <source>Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="127"/>
        <source>Gold labels of adjudicated articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="129"/>
        <source>Gold labels, else those of an article&apos;s only annotator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="131"/>
        <source>One annotator&apos;s labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="133"/>
        <source>Annotator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="139"/>
        <source>Include articles not marked done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="140"/>
        <source>Write a dataset card (README.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="142"/>
        <source>with charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="144"/>
        <source>Name the annotators in the card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="158"/>
        <location filename="../../annotator/ui/window/dataset_build.py" line="193"/>
        <source>Dataset folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="160"/>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="164"/>
        <source>&amp;Split (train, dev, test)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="165"/>
        <source>S&amp;eed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="166"/>
        <source>&amp;Near duplicates at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="167"/>
        <source>&amp;Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="168"/>
        <source>&amp;Annotator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="170"/>
        <source>&amp;Formats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="171"/>
        <source>F&amp;older</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="172"/>
        <source>&amp;Card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="176"/>
        <source>Build</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="209"/>
        <source>Nobody has labelled this project yet; choose gold labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="213"/>
        <source>Choose at least one format to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="245"/>
        <source>Choose a folder for the dataset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="249"/>
        <source>{path} is a file; choose a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dataset_build.py" line="258"/>
        <source>{path} is not empty.

Replace the dataset files built there before (the splits, report, manifest and card)? Other files in it are kept.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExamplePane</name>
    <message>
        <location filename="../../annotator/ui/window/first_steps.py" line="69"/>
        <source>Read-only: an experienced annotator&apos;s labels on this article, to compare with your own in the text above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/first_steps.py" line="77"/>
        <source>Example annotator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/first_steps.py" line="83"/>
        <source>Example labels on the article text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/first_steps.py" line="85"/>
        <source>Claims of the example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/first_steps.py" line="104"/>
        <source>The example labels are read-only: nothing was changed. Label the article in the text above; your labels are your own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/first_steps.py" line="116"/>
        <source>by “{name}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/first_steps.py" line="119"/>
        <source>Two annotators labelled this article and disagree: choose one above.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="118"/>
        <location filename="../../annotator/ui/window/dialogs.py" line="156"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="121"/>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="126"/>
        <source>Export to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="133"/>
        <source>everyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="138"/>
        <source>any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="142"/>
        <source>all stories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="145"/>
        <source>Adjudicated articles only, with their gold labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="146"/>
        <source>…and articles that one annotator labelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="149"/>
        <source>Fo&amp;rmat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="150"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="151"/>
        <source>&amp;Annotator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="152"/>
        <source>S&amp;tatus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="153"/>
        <source>St&amp;ory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="154"/>
        <source>&amp;Gold</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../annotator/ui/text/find_bar.py" line="36"/>
        <location filename="../../annotator/ui/text/find_bar.py" line="37"/>
        <source>Find in article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/text/find_bar.py" line="41"/>
        <source>Close find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/text/find_bar.py" line="42"/>
        <source>Close find (Escape)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindInArticle</name>
    <message>
        <location filename="../../annotator/ui/labelling/find.py" line="53"/>
        <source>{index} of {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../annotator/ui/labelling/find.py" line="59"/>
        <source>%n found</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FirstClaimGuide</name>
    <message>
        <location filename="../../annotator/ui/window/first_steps.py" line="169"/>
        <source>Guided first claim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/first_steps.py" line="175"/>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/first_steps.py" line="176"/>
        <source>Not now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/first_steps.py" line="177"/>
        <source>Skip (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/first_steps.py" line="178"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/first_steps.py" line="222"/>
        <source>Select the quoted words: press &lt;b&gt;Ctrl+F&lt;/b&gt;, type &lt;b&gt;we&lt;/b&gt;, press &lt;b&gt;Esc&lt;/b&gt;, then &lt;b&gt;Alt+↑&lt;/b&gt; (the whole quoted clause).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/first_steps.py" line="228"/>
        <source>Press &lt;b&gt;C&lt;/b&gt;: the selected words become a claim.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/first_steps.py" line="232"/>
        <source>Press the stance key: &lt;b&gt;S&lt;/b&gt; support, &lt;b&gt;O&lt;/b&gt; oppose, &lt;b&gt;N&lt;/b&gt; neutral (the keys are on the form at the right).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/first_steps.py" line="238"/>
        <source>Press &lt;b&gt;D&lt;/b&gt;: the attribution is direct speech (the words are quoted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/first_steps.py" line="243"/>
        <source>Now the cue, the verb that reports the claim: press &lt;b&gt;Ctrl+F&lt;/b&gt;, type &lt;b&gt;said&lt;/b&gt;, &lt;b&gt;Esc&lt;/b&gt;, then &lt;b&gt;Q&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/first_steps.py" line="250"/>
        <source>Now the source, who says it: &lt;b&gt;Ctrl+F&lt;/b&gt;, type &lt;b&gt;tomas erling&lt;/b&gt;, &lt;b&gt;Esc&lt;/b&gt;, then &lt;b&gt;S&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/first_steps.py" line="257"/>
        <source>Press &lt;b&gt;N&lt;/b&gt; (a named source), then &lt;b&gt;Enter&lt;/b&gt;: Tomas Erling becomes an actor and the claimant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/first_steps.py" line="269"/>
        <source>&lt;b&gt;New here?&lt;/b&gt; Label your first claim in a short guided task, on a practice article. The articles marked “Example” show finished labels below the text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/first_steps.py" line="297"/>
        <source>&lt;b&gt;Done: your first claim&lt;/b&gt;, with stance, attribution, cue, source and claimant. Ctrl+Z undoes any step. Open the “Example” articles to see split quotes, unnamed and document sources, and a link between articles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/first_steps.py" line="303"/>
        <source>Step {n} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/first_steps.py" line="314"/>
        <source>Help › Label your first claim starts the guide again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstSteps</name>
    <message>
        <location filename="../../annotator/ui/window/first_steps.py" line="350"/>
        <source>“{name}” is the sample&apos;s example annotator, whose labels are read-only: nothing was changed. Use File › Switch annotator to label under your own name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/first_steps.py" line="355"/>
        <source>Example labels (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/first_steps.py" line="390"/>
        <source>The guided first claim is in the sample project.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HubSync</name>
    <message>
        <location filename="../../annotator/ui/window/hub_sync.py" line="177"/>
        <location filename="../../annotator/ui/window/hub_sync.py" line="292"/>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/hub_sync.py" line="179"/>
        <source>This project is not a copy of a team hub. A copy is made with annotator hub join.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/hub_sync.py" line="194"/>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../annotator/ui/window/hub_sync.py" line="259"/>
        <source>Synced: %n change(s) sent, {received} received</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../annotator/ui/window/hub_sync.py" line="264"/>
        <source>(%n conflict(s): the hub&apos;s version kept)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/hub_sync.py" line="298"/>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/hub_sync.py" line="309"/>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/hub_sync.py" line="309"/>
        <source>Synced {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../annotator/ui/window/hub_sync.py" line="311"/>
        <source>%n change(s) to send</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/hub_sync.py" line="317"/>
        <source>The hub cannot be reached now; your work is saved here and is sent at the next sync. Last synced: {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/hub_sync.py" line="324"/>
        <source>Last synced with the team hub: {when}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="331"/>
        <source>Import articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="334"/>
        <source>File or folder to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="336"/>
        <source>Fo&amp;lder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="340"/>
        <source>Import format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="342"/>
        <source>auto (by extension)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="344"/>
        <source>Label map (TOML)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="350"/>
        <source>optional: how the other tool&apos;s labels map to ours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="353"/>
        <source>Annotator of imported labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="354"/>
        <source>optional: for formats that do not name one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="356"/>
        <source>Story of imported articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="357"/>
        <source>optional: for articles that have none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="359"/>
        <source>Title of plain-text articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="360"/>
        <source>auto: the first line if it reads as a title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="361"/>
        <source>the first line is the title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="362"/>
        <source>no title: the whole file is the text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="365"/>
        <source>Plain text (.txt) only. auto: the first line is the title when it is short (at most 100 characters, 150 before a blank line) and does not end like a sentence; otherwise the whole file is the text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="373"/>
        <source>&amp;Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="374"/>
        <source>Fo&amp;rmat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="375"/>
        <source>Titl&amp;e (.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="376"/>
        <source>Label &amp;map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="377"/>
        <source>Annota&amp;tor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="378"/>
        <source>St&amp;ory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="379"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="383"/>
        <source>Folder to import</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyFlow</name>
    <message>
        <location filename="../../annotator/ui/labelling/keys.py" line="73"/>
        <source>Select text, then press C for a claim or M for a mention.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labelling/keys.py" line="77"/>
        <source>No {field} value has the key {key}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labelling/keys.py" line="92"/>
        <source>Click a label first, then press Delete.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LabelPanel</name>
    <message>
        <location filename="../../annotator/ui/labels/label_panel.py" line="46"/>
        <source>&amp;Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/label_panel.py" line="48"/>
        <source>Article status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/label_panel.py" line="54"/>
        <source>comment on this article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/label_panel.py" line="55"/>
        <source>Article comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/label_panel.py" line="65"/>
        <source>Claims</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/label_panel.py" line="71"/>
        <source>&amp;Claims</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/label_panel.py" line="76"/>
        <source>&amp;Mentions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/label_panel.py" line="78"/>
        <location filename="../../annotator/ui/labels/label_panel.py" line="121"/>
        <source>Su&amp;ggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/label_panel.py" line="80"/>
        <source>Ac&amp;tors</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../annotator/ui/labels/label_panel.py" line="121"/>
        <source>Su&amp;ggestions (%n)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="67"/>
        <source>{project} (read-only) — Claim annotator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/app.py" line="162"/>
        <location filename="../../annotator/ui/window/main_window.py" line="69"/>
        <source>{project} — Claim annotator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="95"/>
        <source>Annotator: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="108"/>
        <source>Saved: {action}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="124"/>
        <source>Backup failed: {error}. Your work is saved; only the backup is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="140"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="144"/>
        <source>&amp;New project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="147"/>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="149"/>
        <source>Open &amp;recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="154"/>
        <source>&amp;Import articles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="155"/>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="156"/>
        <source>Build &amp;dataset…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="158"/>
        <source>Assign &amp;work…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="162"/>
        <source>&amp;Merge annotators&apos; files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="167"/>
        <source>S&amp;ync with the team hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="171"/>
        <source>Restore &amp;backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="172"/>
        <source>Project &amp;settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="176"/>
        <source>S&amp;witch annotator…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="180"/>
        <source>&amp;Close project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="184"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="185"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="186"/>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="188"/>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="190"/>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="190"/>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="193"/>
        <source>&amp;Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="195"/>
        <source>Mark selection as &amp;claim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="196"/>
        <source>Mark selection as &amp;mention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="197"/>
        <source>Set &amp;cue of current claim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="198"/>
        <source>Set &amp;source of current claim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="201"/>
        <source>Add selection to current claim as a se&amp;gment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="206"/>
        <source>&amp;Remove selected segment from current claim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="209"/>
        <source>&amp;Next field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="210"/>
        <source>&amp;Previous field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="220"/>
        <source>&amp;Delete label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="226"/>
        <source>&amp;Link claim to the compared one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="232"/>
        <source>&amp;Unlink claims</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="238"/>
        <source>Mark &amp;all occurrences of the actor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="243"/>
        <source>&amp;Article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="245"/>
        <source>&amp;Next unfinished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="248"/>
        <source>&amp;Previous unfinished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="251"/>
        <source>&amp;Search articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="255"/>
        <source>&amp;Find in article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="261"/>
        <source>Mark &amp;in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="262"/>
        <source>Mark &amp;done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="263"/>
        <source>Mark &amp;skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="272"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="274"/>
        <source>&amp;My articles only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="281"/>
        <source>Article &amp;list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="289"/>
        <source>Label &amp;panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="297"/>
        <source>&amp;Side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="304"/>
        <source>&amp;Reading mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="315"/>
        <source>Zoom &amp;in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="318"/>
        <source>Zoom &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="320"/>
        <source>&amp;Font…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="322"/>
        <source>Team &amp;dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="325"/>
        <source>&amp;Adjudication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="327"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="328"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="330"/>
        <source>Label your &amp;first claim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="346"/>
        <source>Not saved: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="408"/>
        <source>The label schema is now revision {revision}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="419"/>
        <source>The lead changed the label schema: it is now revision {revision} here (the project was backed up first).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="479"/>
        <source>No more unfinished articles that way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/main_window.py" line="511"/>
        <source>{done} of {total} done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MentionEditor</name>
    <message>
        <location filename="../../annotator/ui/labelling/mentions.py" line="71"/>
        <source>No actor has that name: type one and press Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labelling/mentions.py" line="93"/>
        <source>New actor {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../annotator/ui/labelling/mentions.py" line="119"/>
        <source>{actor} is named %n more time(s): Ctrl+Shift+M marks them all.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labelling/mentions.py" line="149"/>
        <source>This actor</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MentionListModel</name>
    <message>
        <location filename="../../annotator/ui/labels/label_lists.py" line="179"/>
        <source>no actor</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MentionPanel</name>
    <message>
        <location filename="../../annotator/ui/labels/mention_panel.py" line="29"/>
        <source>Mentions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/mention_panel.py" line="34"/>
        <source>Actor of the mention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/mention_panel.py" line="37"/>
        <source>Actor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/mention_panel.py" line="43"/>
        <source>Mark them all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labels/mention_panel.py" line="45"/>
        <source>Mark every other occurrence as a mention of this actor (Ctrl+Shift+M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../annotator/ui/labels/mention_panel.py" line="58"/>
        <source>{actor} is named %n more time(s) in this article.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NameDialog</name>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="189"/>
        <source>Who is annotating?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="193"/>
        <source>Your name is saved with every label, so a lead can merge and compare.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="198"/>
        <source>Annotator name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="201"/>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewProjectDialog</name>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="92"/>
        <source>New project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="94"/>
        <source>Project file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="96"/>
        <source>Label schema (TOML)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="101"/>
        <source>the default schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="103"/>
        <source>Articles to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="105"/>
        <source>optional: import later with File &gt; Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="106"/>
        <source>&amp;Project file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="107"/>
        <source>Label &amp;schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="108"/>
        <source>&amp;Articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="109"/>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Operation</name>
    <message>
        <location filename="../../annotator/operations.py" line="113"/>
        <source>Mark claim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/operations.py" line="129"/>
        <source>Add segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/operations.py" line="141"/>
        <source>Remove segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/operations.py" line="156"/>
        <source>Set {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/operations.py" line="190"/>
        <source>Set cue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/operations.py" line="206"/>
        <source>Set source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/operations.py" line="219"/>
        <source>Delete claim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/operations.py" line="230"/>
        <source>Link claims</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/operations.py" line="243"/>
        <source>Unlink claims</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/operations.py" line="259"/>
        <source>Mark mention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/operations.py" line="273"/>
        <source>Mark occurrences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/operations.py" line="288"/>
        <source>Set mention actor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/operations.py" line="300"/>
        <source>Delete mention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/operations.py" line="314"/>
        <source>Add actor {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/operations.py" line="329"/>
        <source>Rename actor to {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/operations.py" line="342"/>
        <source>Change actor type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/operations.py" line="355"/>
        <source>Add alias {alias}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/operations.py" line="368"/>
        <source>Merge actors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/operations.py" line="380"/>
        <source>Mark to do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/operations.py" line="381"/>
        <source>Mark in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/operations.py" line="382"/>
        <source>Mark done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/operations.py" line="383"/>
        <source>Mark skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/operations.py" line="392"/>
        <source>Mark {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/operations.py" line="408"/>
        <source>Edit comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/operations.py" line="429"/>
        <source>Accept {annotator}&apos;s {kind}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/operations.py" line="445"/>
        <source>Mark adjudicated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/operations.py" line="465"/>
        <source>Accept suggestion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/operations.py" line="479"/>
        <source>Reject suggestion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/operations.py" line="493"/>
        <source>Accept all suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/operations.py" line="514"/>
        <source>Switch recommender {recommender}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/operations.py" line="529"/>
        <source>Edit cue lexicon</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Panes</name>
    <message>
        <location filename="../../annotator/ui/window/panes.py" line="173"/>
        <source>Article font</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PathField</name>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="70"/>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProjectCommands</name>
    <message>
        <location filename="../../annotator/ui/window/project_commands.py" line="47"/>
        <source>This project is open read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_commands.py" line="67"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_commands.py" line="84"/>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../annotator/ui/window/project_commands.py" line="86"/>
        <source>Exported %n article(s) to {target}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_commands.py" line="107"/>
        <source>Assign work</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../annotator/ui/window/project_commands.py" line="110"/>
        <source>{name}: %n article(s) ({shared} shared)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_commands.py" line="116"/>
        <source>Work assigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_commands.py" line="127"/>
        <source>Merge annotators&apos; files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_commands.py" line="129"/>
        <source>Claim annotator projects (*.claims)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_commands.py" line="137"/>
        <location filename="../../annotator/ui/window/project_commands.py" line="143"/>
        <source>Merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_commands.py" line="144"/>
        <source>Nothing from that file was merged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_commands.py" line="152"/>
        <source>Merge finished</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProjectSettingsDialog</name>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="92"/>
        <source>Project settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="98"/>
        <source>Label schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="99"/>
        <source>Field or value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="99"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="99"/>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="99"/>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="101"/>
        <source>&amp;Load new schema…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="106"/>
        <source>Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="106"/>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="106"/>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="106"/>
        <source>Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="114"/>
        <source>&amp;Apply new schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="133"/>
        <source>This project is open read-only: its schema cannot be changed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="148"/>
        <source>Suggestions: recommenders switched on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="160"/>
        <source>For the whole project, as in Suggestions › Recommenders; each switch is a step Edit › Undo takes back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="190"/>
        <source>Schema “%1”, revision %2, fingerprint %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="197"/>
        <source>Last changed %1 by %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="201"/>
        <source>%1 (extra)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="221"/>
        <source>Load new schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="223"/>
        <source>Label schemas (*.toml);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="237"/>
        <source>%1 cannot be used: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="240"/>
        <source>What %1 changes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="257"/>
        <source>Choose where its labels go…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="260"/>
        <source>to %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="261"/>
        <source>to no value (not set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="262"/>
        <source>Labels with %1 “%2”:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="303"/>
        <source>That file is the project&apos;s schema already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="315"/>
        <source>new field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="317"/>
        <source>field removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="318"/>
        <source>%1 added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="320"/>
        <source>%1 renamed to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="324"/>
        <source>%1 removed, its labels go to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="326"/>
        <source>%1 removed, its labels are left without a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="332"/>
        <source>%1 removed, but labels hold it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="334"/>
        <source>%1 removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="345"/>
        <source>label “%1” → “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="346"/>
        <source>origin changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="347"/>
        <source>values in another order (the claim form&apos;s order)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="348"/>
        <source>%1: name “%2” → “%3”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="349"/>
        <source>%1: key %2 → %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="350"/>
        <source>%1: colour %2 → %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="351"/>
        <source>%1: description changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="352"/>
        <source>%1: network weight %2 → %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="354"/>
        <source>%1 keeps the network weight %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="361"/>
        <source>a %1 source is words, without a mention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="363"/>
        <source>a named source is a mention of an actor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="368"/>
        <source>an unattributed claim needs no claimant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="377"/>
        <source>%1 has a meaning in the app (%2); without it, that is lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="383"/>
        <source>claims with %1 counted %2 in the network weight, now %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="390"/>
        <source>; set weight = %1 on %2 to keep it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="392"/>
        <source>Note: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="400"/>
        <source>The new schema removes values that labels hold. Choose below where each value&apos;s labels go, or keep the value in the schema file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../annotator/ui/window/project_settings.py" line="408"/>
        <source>and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../annotator/ui/window/project_settings.py" line="409"/>
        <source>%1 “%2”: %n label(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="415"/>
        <source>actor %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="418"/>
        <source>article %1, %2, claim %3 “%4”</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../annotator/ui/window/project_settings.py" line="436"/>
        <source>Change the schema of %1 to revision %2?

%n label value(s) will be rewritten. The project is backed up first (File › Restore backup, &quot;Before schema change&quot;, undoes this). This is not an undo step; the project reopens afterwards.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="450"/>
        <location filename="../../annotator/ui/window/project_settings.py" line="464"/>
        <source>Change the schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/project_settings.py" line="465"/>
        <source>The schema was not changed.

%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="76"/>
        <source>Restore backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="80"/>
        <source>Backups of this project, newest first. Restoring one replaces the whole project with it; the current state is backed up first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="87"/>
        <source>Backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="94"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="95"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="96"/>
        <source>Articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="97"/>
        <source>Claims</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="98"/>
        <source>Mentions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="99"/>
        <source>Made from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="105"/>
        <source>Backup folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="107"/>
        <source>&amp;Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="108"/>
        <source>Restore the chosen backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="109"/>
        <source>&amp;Back up now</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../annotator/ui/window/restore.py" line="139"/>
        <source>%n backup(s) in %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="151"/>
        <source>Unreadable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="156"/>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="158"/>
        <source>this file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="187"/>
        <source>Back up now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="188"/>
        <source>The backup could not be made: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SaveBanner</name>
    <message>
        <location filename="../../annotator/ui/window/save_banner.py" line="32"/>
        <source>Save problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/save_banner.py" line="33"/>
        <source>&amp;Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/save_banner.py" line="35"/>
        <source>&amp;Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/save_banner.py" line="46"/>
        <source>&lt;b&gt;Not saved.&lt;/b&gt; {problem}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../annotator/ui/session.py" line="212"/>
        <source>Undone: {action}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="220"/>
        <source>{group}: {action}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="233"/>
        <location filename="../../annotator/ui/window/dialogs.py" line="244"/>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="236"/>
        <source>Search keys and actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="237"/>
        <source>Search shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="243"/>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="243"/>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusEditor</name>
    <message>
        <location filename="../../annotator/ui/labelling/status.py" line="68"/>
        <source>• “{quote}”: no {fields}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../annotator/ui/labelling/status.py" line="76"/>
        <source>… and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labelling/status.py" line="80"/>
        <source>Claims are incomplete</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../annotator/ui/labelling/status.py" line="81"/>
        <source>%n claim(s) still lack fields:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labelling/status.py" line="85"/>
        <source>Mark the article done anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labelling/status.py" line="92"/>
        <source>claimant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labelling/status.py" line="93"/>
        <source>stance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labelling/status.py" line="94"/>
        <source>attribution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labelling/status.py" line="95"/>
        <source>cue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SuggestionFlow</name>
    <message>
        <location filename="../../annotator/ui/suggestions/flow.py" line="206"/>
        <source>Back to the first suggestion of the article.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/flow.py" line="207"/>
        <source>Back to the last suggestion of the article.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/flow.py" line="262"/>
        <source>Suggested ({recommender}, {score}): {words}
Enter accepts, Delete rejects, Tab goes on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/flow.py" line="278"/>
        <location filename="../../annotator/ui/suggestions/flow.py" line="343"/>
        <source>Choose a suggestion first: Tab goes to the next one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/flow.py" line="322"/>
        <source>Accepted. {field}: {keys}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/flow.py" line="325"/>
        <location filename="../../annotator/ui/suggestions/flow.py" line="334"/>
        <location filename="../../annotator/ui/suggestions/flow.py" line="336"/>
        <source>Accepted. Tab goes to the next suggestion.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/flow.py" line="332"/>
        <source>Accepted. Type the mention&apos;s actor and press Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/flow.py" line="358"/>
        <source>Rejected: not offered again. Ctrl+Z takes it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/flow.py" line="366"/>
        <source>This article has no suggestions to accept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../annotator/ui/suggestions/flow.py" line="371"/>
        <source>Accept all %n suggestion(s) of this article? They become your labels, as one step: Edit › Undo takes them all back.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/flow.py" line="378"/>
        <source>Accept all suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../annotator/ui/suggestions/flow.py" line="386"/>
        <source>Accepted %n suggestion(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/flow.py" line="400"/>
        <source>{name} is on: its suggestions are computed for this article now; Suggestions › Compute again for all articles brings them to the others.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SuggestionMenu</name>
    <message>
        <location filename="../../annotator/ui/suggestions/menu.py" line="25"/>
        <source>Attribution &amp;patterns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/menu.py" line="26"/>
        <source>Actor &amp;names and aliases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/menu.py" line="27"/>
        <source>&amp;Learned from the labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/menu.py" line="28"/>
        <source>Lin&amp;ks across a story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/menu.py" line="29"/>
        <source>New actors from named &amp;entities (spaCy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/menu.py" line="46"/>
        <source>Suggestions computed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/menu.py" line="58"/>
        <source>Suggestions stopped: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/menu.py" line="64"/>
        <source>S&amp;uggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/menu.py" line="67"/>
        <source>&amp;Next suggestion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/menu.py" line="68"/>
        <source>&amp;Previous suggestion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/menu.py" line="69"/>
        <source>&amp;Accept suggestion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/menu.py" line="70"/>
        <source>&amp;Reject suggestion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/menu.py" line="76"/>
        <source>Accept a&amp;ll in this article…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/menu.py" line="82"/>
        <source>&amp;Compute again for this article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/menu.py" line="85"/>
        <source>Compute again for all &amp;articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/menu.py" line="87"/>
        <source>&amp;Stop computing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/menu.py" line="90"/>
        <source>Compute in the &amp;background</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/menu.py" line="98"/>
        <source>Recommen&amp;ders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/menu.py" line="148"/>
        <source>Suggestions: {done} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/menu.py" line="156"/>
        <source>Suggestions computed for every article.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/menu.py" line="158"/>
        <source>Computing suggestions stopped; what was computed is kept.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SuggestionPanel</name>
    <message>
        <location filename="../../annotator/ui/suggestions/panel.py" line="99"/>
        <source>Suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/panel.py" line="107"/>
        <source>Chosen suggestion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/panel.py" line="110"/>
        <source>Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/panel.py" line="111"/>
        <source>Accept the chosen suggestion (Enter in the text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/panel.py" line="112"/>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/panel.py" line="114"/>
        <source>Reject the chosen suggestion (Delete or Backspace in the text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/panel.py" line="116"/>
        <source>Accept all…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/panel.py" line="118"/>
        <source>Accept every suggestion of this article, as one step (asks first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../annotator/ui/suggestions/panel.py" line="154"/>
        <source>%n suggestion(s) in this article.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/panel.py" line="155"/>
        <source>Tab: next · Enter: accept · Delete: reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/panel.py" line="158"/>
        <source>Computing suggestions for this article…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/panel.py" line="160"/>
        <source>No suggestions in this article.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SuggestionThread</name>
    <message>
        <location filename="../../annotator/ui/suggestions/background.py" line="286"/>
        <source>the process computing them ended unexpectedly (exit code {code}); F5 computes the article again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/background.py" line="298"/>
        <source>an error occurred (the log has the details)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/background.py" line="392"/>
        <source>the recommender {name} failed ({problem}); Suggestions › Recommenders switches it off (the log has the details)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/background.py" line="397"/>
        <source>a recommender failed ({problem}); the log has the details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <location filename="../../annotator/ui/window/welcome.py" line="22"/>
        <source>mark the selected words as a claim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/welcome.py" line="23"/>
        <source>mark them as a mention of an actor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/welcome.py" line="24"/>
        <source>set the claim&apos;s cue / source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/welcome.py" line="25"/>
        <source>undo anything, even after a restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/welcome.py" line="26"/>
        <source>next unfinished article</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/welcome.py" line="42"/>
        <location filename="../../annotator/ui/window/welcome.py" line="46"/>
        <source>Claim annotator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/welcome.py" line="54"/>
        <source>Label who claims what, toward whom, and how the news cites it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/welcome.py" line="59"/>
        <source>&amp;Label your first claim (a guided task in the sample)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/welcome.py" line="60"/>
        <source>Open the &amp;sample project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/welcome.py" line="61"/>
        <source>&amp;Open a project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/welcome.py" line="62"/>
        <source>&amp;New project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/welcome.py" line="72"/>
        <source>Keys to know</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/welcome.py" line="72"/>
        <source>Help › Keyboard shortcuts lists them all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/welcome.py" line="80"/>
        <source>&lt;b&gt;Recent projects&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/welcome.py" line="83"/>
        <source>Recent projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/welcome.py" line="91"/>
        <source>No recent projects yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <location filename="../../annotator/ui/window/workspace.py" line="288"/>
        <source>Enter accepts the chosen suggestion, Delete rejects it, Tab goes on.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_FormArea</name>
    <message>
        <location filename="../../annotator/ui/labels/label_panel.py" line="181"/>
        <source>Claim details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>actor_picker</name>
    <message>
        <location filename="../../annotator/ui/labels/actor_picker.py" line="24"/>
        <source>also {aliases}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../annotator/ui/window/app.py" line="90"/>
        <source>Project in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/app.py" line="92"/>
        <source>Open it read-only? You can read and export, but not label.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/app.py" line="102"/>
        <location filename="../../annotator/ui/window/app.py" line="114"/>
        <location filename="../../annotator/ui/window/app.py" line="128"/>
        <source>Cannot open project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/app.py" line="130"/>
        <source>%1 cannot be written here (%2), so it is open read-only: you can read and export, but not label. To label, copy it to a folder you can write to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/app.py" line="137"/>
        <source>Opened read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/importing.py" line="26"/>
        <source>Importing articles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/importing.py" line="41"/>
        <source>Import failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/importing.py" line="43"/>
        <source>Nothing from that file was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/importing.py" line="50"/>
        <source>Import finished</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>article_list</name>
    <message>
        <location filename="../../annotator/ui/articles/article_list.py" line="40"/>
        <source>To do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/articles/article_list.py" line="41"/>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/articles/article_list.py" line="42"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/articles/article_list.py" line="43"/>
        <source>Skipped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>backups</name>
    <message>
        <location filename="../../annotator/ui/window/backups.py" line="39"/>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/backups.py" line="40"/>
        <source>Made by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/backups.py" line="41"/>
        <source>Before upgrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/backups.py" line="42"/>
        <source>Before merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/backups.py" line="43"/>
        <source>Before restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/backups.py" line="44"/>
        <source>Before schema change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/backups.py" line="99"/>
        <source>an unexpected error (the details are in the log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="199"/>
        <source>%n article(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="200"/>
        <source>%n claim(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="201"/>
        <source>%n mention(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="207"/>
        <source>Replace everything in %1 with the backup of %2 (%3)?

Work done since then leaves the project. The current state is backed up first (&quot;Before restore&quot;), so restoring that brings it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="215"/>
        <source>This backup was made from another file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="216"/>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="228"/>
        <location filename="../../annotator/ui/window/restore.py" line="250"/>
        <location filename="../../annotator/ui/window/restore.py" line="265"/>
        <source>Restore backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="229"/>
        <source>This project is open read-only: a backup cannot be restored into it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="267"/>
        <source>The backup was not restored; the project is as it was.

%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="278"/>
        <location filename="../../annotator/ui/window/restore.py" line="344"/>
        <source>Backup restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="280"/>
        <source>%1 now holds the backup of %2.

What it held before is in the backup of %3 (&quot;Before restore&quot;): restore that to undo this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="303"/>
        <source>Damaged project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="309"/>
        <source>No backup of this file was found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="317"/>
        <source>%1 is damaged and cannot be opened.
Restore one of its backups? The damaged file is kept beside it, renamed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="336"/>
        <source>The backup was not restored; the file is as it was.

%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/restore.py" line="346"/>
        <source>%1 now holds the backup of %2. The damaged file is kept as %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dashboard</name>
    <message>
        <location filename="../../annotator/ui/lead/dashboard.py" line="328"/>
        <source>Agreement matrix</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>describe_mark</name>
    <message>
        <location filename="../../annotator/ui/labelling/describe.py" line="27"/>
        <source>Mention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labelling/describe.py" line="28"/>
        <source>no type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labelling/describe.py" line="31"/>
        <source>Mention of {actor} ({type})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labelling/describe.py" line="38"/>
        <source>Attribution cue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labelling/describe.py" line="41"/>
        <source>Claim by {claimant}: {stance}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labelling/describe.py" line="42"/>
        <source>no claimant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labelling/describe.py" line="43"/>
        <source>no stance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labelling/describe.py" line="48"/>
        <source> (in %n segment(s))</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>dialogs</name>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="33"/>
        <source>Claim annotator projects (*.claims);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="40"/>
        <source>Articles (*.jsonl *.ndjson *.json *.csv *.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="97"/>
        <source>Schemas (*.toml)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="127"/>
        <source>JSON Lines (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/dialogs.py" line="345"/>
        <source>Label maps (*.toml)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>shortcut_list</name>
    <message>
        <location filename="../../annotator/ui/window/shortcut_list.py" line="39"/>
        <source>Selecting text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/shortcut_list.py" line="42"/>
        <source>Ctrl+F, Esc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/shortcut_list.py" line="43"/>
        <source>Find a phrase; Esc leaves the hit selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/shortcut_list.py" line="49"/>
        <source>with the mouse, hold Alt to keep exact characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/shortcut_list.py" line="54"/>
        <source>Labelling in the text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/shortcut_list.py" line="55"/>
        <source>C, M, Q, S, + and - act on the selected words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/shortcut_list.py" line="61"/>
        <source>Suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/shortcut_list.py" line="62"/>
        <source>in the article text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/shortcut_list.py" line="64"/>
        <source>Articles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/shortcut_list.py" line="65"/>
        <source>Panels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/shortcut_list.py" line="66"/>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/shortcut_list.py" line="67"/>
        <source>Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/shortcut_list.py" line="90"/>
        <source>no words selected: sets the current claim&apos;s active field (▸)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/shortcut_list.py" line="93"/>
        <source>Claim fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/shortcut_list.py" line="102"/>
        <source>{tab} tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/shortcut_list.py" line="111"/>
        <source>Back to the text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>suggestions</name>
    <message>
        <location filename="../../annotator/ui/suggestions/describe.py" line="17"/>
        <source>Claim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/describe.py" line="18"/>
        <source>Mention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/describe.py" line="19"/>
        <source>Values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/describe.py" line="20"/>
        <source>Link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/describe.py" line="39"/>
        <source>new actor {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/describe.py" line="73"/>
        <source>the author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/describe.py" line="75"/>
        <source>no source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/describe.py" line="97"/>
        <source>{kind} suggested by {recommender} ({version}), score {score}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/describe.py" line="109"/>
        <source>Creates the claim {words}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/describe.py" line="116"/>
        <source>Cue: {words}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/describe.py" line="123"/>
        <source>Source: {words}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/describe.py" line="130"/>
        <source>Claimant: {actor}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/describe.py" line="80"/>
        <location filename="../../annotator/ui/suggestions/describe.py" line="135"/>
        <source>no actor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/describe.py" line="140"/>
        <source>Creates a mention {words} of {actor}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/describe.py" line="147"/>
        <source>Sets on the claim {words}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/describe.py" line="154"/>
        <source>Links a claim of this article to the same claim in another one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/describe.py" line="161"/>
        <source>Still to set: {fields}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/describe.py" line="167"/>
        <source>Why: {note}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/describe.py" line="176"/>
        <source>claimant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/describe.py" line="177"/>
        <source>cue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/describe.py" line="178"/>
        <source>actor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions/describe.py" line="184"/>
        <source>Suggested {kind} ({score}): Tab to choose, Enter accepts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>summaries</name>
    <message>
        <location filename="../../annotator/ui/window/summaries.py" line="22"/>
        <source>Imported %n new article(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/summaries.py" line="26"/>
        <source>updated labels of %n already in the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/summaries.py" line="30"/>
        <source>%n annotation(s) read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/summaries.py" line="32"/>
        <source>%n conflict(s) not imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/summaries.py" line="34"/>
        <source>skipped %n invalid record(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/summaries.py" line="36"/>
        <source>%n warning(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/summaries.py" line="38"/>
        <source>%n text file(s) with a title line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/summaries.py" line="41"/>
        <source>%n without one (whole text kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/summaries.py" line="43"/>
        <source>%n text file(s) without a title line (whole text kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/summaries.py" line="55"/>
        <source>labels: {added} added, {updated} updated, {deleted} deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/summaries.py" line="66"/>
        <source>%n status(es) changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/summaries.py" line="69"/>
        <source>in %n article(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/summaries.py" line="71"/>
        <source>%n new article(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/summaries.py" line="73"/>
        <source>actors: {added} added, {updated} updated, {matched} matched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/summaries.py" line="84"/>
        <source>%n conflict(s) (the project&apos;s version kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/summaries.py" line="87"/>
        <source>Merged %n file(s):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window/summaries.py" line="89"/>
        <source>nothing new</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
