"""Demo content for the Oplandspulje participatory-budgeting app: pure data, no logic.

DEMO DATA ONLY. The 19 community names are real villages and towns outside
Ringvejen in Aarhus Kommune, but the populations are approximate (rounded,
not official figures), and every proposal, proposer and voter below is invented.

All user-facing text is Danish in plain language ("klarsprog"). Costs are whole
kroner. Postcodes are strings; several real postcodes cover more than one
village (8380, 8381, 8471, 8520), so a postcode is not a unique key.
"""
from __future__ import annotations

from typing import NamedTuple

# ---------------------------------------------------------------------------
# DEMODATA: Stednavnene er rigtige, men indbyggertallene er kun omtrentlige,
# og alle forslag, forslagsstillere og vælgere er opdigtede.
# ---------------------------------------------------------------------------


class DemoCommunity(NamedTuple):
    name: str
    slug: str
    #: Approximate number of residents (demo figure, not official statistics).
    population: int
    #: Danish postcodes as strings, e.g. ("8310",); empty when not certain.
    postcodes: tuple[str, ...]


class DemoProposal(NamedTuple):
    title: str
    summary: str
    description: str
    #: Estimated cost in whole kroner.
    cost: int
    #: One of CATEGORIES.
    category: str


# --- Kategorier -------------------------------------------------------------

NATUR = "Natur og grønne områder"
LEG = "Leg og bevægelse"
FAELLESSKAB = "Fællesskab og kultur"
TRAFIK = "Trafik og stier"
UNGE = "Børn og unge"
KLIMA = "Klima og miljø"

CATEGORIES: tuple[str, ...] = (NATUR, LEG, FAELLESSKAB, TRAFIK, UNGE, KLIMA)


# --- Lokalsamfund (DEMO: omtrentlige indbyggertal) ----------------------------

COMMUNITIES: tuple[DemoCommunity, ...] = (
    DemoCommunity("Beder", "beder", 3_900, ("8330",)),
    DemoCommunity("Borum", "borum", 450, ("8471",)),
    DemoCommunity("Egå", "egaa", 4_400, ("8250",)),
    DemoCommunity("Elev", "elev", 1_700, ("8520",)),
    DemoCommunity("Harlev", "harlev", 3_800, ("8462",)),
    DemoCommunity("Hasselager", "hasselager", 3_500, ("8361",)),
    DemoCommunity("Hjortshøj", "hjortshoej", 3_100, ("8530",)),
    DemoCommunity("Lisbjerg", "lisbjerg", 1_200, ("8200",)),
    DemoCommunity("Lystrup", "lystrup", 10_000, ("8520",)),
    DemoCommunity("Løgten-Skødstrup", "loegten-skoedstrup", 7_600, ("8541",)),
    DemoCommunity("Malling", "malling", 6_900, ("8340",)),
    DemoCommunity("Mundelstrup", "mundelstrup", 1_400, ("8381",)),
    DemoCommunity("Mårslet", "maarslet", 5_700, ("8320",)),
    DemoCommunity("Sabro", "sabro", 2_700, ("8471",)),
    DemoCommunity("Solbjerg", "solbjerg", 3_600, ("8355",)),
    DemoCommunity("Spørring", "spoerring", 1_400, ("8380",)),
    DemoCommunity("Todbjerg", "todbjerg", 600, ()),
    DemoCommunity("Tranbjerg", "tranbjerg", 9_000, ("8310",)),
    DemoCommunity("Trige", "trige", 2_800, ("8380",)),
)


# --- Forslag (DEMO: alle forslag er opdigtede) --------------------------------

P = DemoProposal

PROPOSALS: dict[str, tuple[DemoProposal, ...]] = {
    "beder": (
        P(
            "Bålhytte ved sportspladsen",
            "En bålhytte, hvor foreninger, familier og skoleklasser kan samles om bålet – også når det regner.",
            "Beder har mange aktive foreninger, men ingen overdækket bålplads. "
            "En bålhytte ved sportspladsen kan bruges af både fodboldklubben, spejderne og skolen. "
            "Hytten får bænke hele vejen rundt og et stort bålsted i midten. "
            "Den kan bookes gratis på lokalrådets hjemmeside.",
            190_000,
            FAELLESSKAB,
        ),
        P(
            "Byttehylde i det gamle busskur",
            "Et busskur, der ikke bruges mere, bliver til en byttehylde for bøger, spil og legetøj.",
            "Bussen holder ikke længere ved det gamle busskur, men skuret står der stadig. "
            "Vi vil sætte hylder op og male det i glade farver. "
            "Her kan alle aflevere og hente bøger, spil og legetøj gratis. "
            "Skolens elevråd vil sørge for, at der er pænt.",
            15_000,
            FAELLESSKAB,
        ),
        P(
            "Bytræer og plantekummer i bymidten",
            "Træer og store plantekummer gør bymidten grønnere og giver skygge på varme dage.",
            "Bymidten er mest asfalt og fliser. "
            "Vi foreslår at plante otte træer og sætte store kummer med blomster og bænke op. "
            "Det giver skygge, steder at sidde og mad til bier og sommerfugle. "
            "Butikkerne i bymidten har lovet at vande kummerne om sommeren.",
            80_000,
            KLIMA,
        ),
        P(
            "Skaterampe ved hallen",
            "En mindre rampe og en rail, så børn og unge kan øve sig tæt på hallen.",
            "Mange børn kører på løbehjul og skateboard, men de har ikke et sted at øve tricks. "
            "En mindre rampe og en rail ved hallen kan bruges af både begyndere og øvede. "
            "Der er lys om aftenen, og der er voksne i nærheden. "
            "Vi vælger en rampe, der larmer så lidt som muligt.",
            95_000,
            UNGE,
        ),
        P(
            "Trampesti rundt om engen med bænke",
            "En slået sti rundt om engen og tre bænke giver en kort og nem gåtur tæt på byen.",
            "Engen ligger tæt på byen, men om sommeren er græsset så højt, at man ikke kan gå der. "
            "Vi foreslår, at en sti rundt om engen bliver slået hele sæsonen. "
            "Der kommer tre bænke og et skilt med et kort. "
            "Prisen dækker bænke, skilt og slåning i tre år.",
            60_000,
            NATUR,
        ),
        P(
            "Fartvisere ved indkørslerne til byen",
            "To fartvisere, der viser bilisterne deres fart, når de kører ind i byen.",
            "Mange bilister sætter ikke farten ned, når de kører ind i byen. "
            "En fartviser viser bilens fart med store tal og et smil eller en sur mund. "
            "Det får de fleste til at sætte farten ned. "
            "Fartviserne kører på solceller og kan flyttes, hvis der bliver brug for det.",
            45_000,
            TRAFIK,
        ),
        P(
            "Legeplads for de mindste i parken",
            "En ny legeplads med gynger, sandkasse og en lille rutsjebane til børn under seks år.",
            "Den gamle legeplads i parken blev fjernet for nogle år siden. "
            "Nu er der mange nye børnefamilier i byen, men ingen legeplads i gåafstand. "
            "Vi foreslår gynger, en sandkasse, en lille rutsjebane og bænke til forældrene. "
            "Legepladsen får et lavt hegn, så de mindste ikke løber ud på stien.",
            180_000,
            LEG,
        ),
    ),
    "borum": (
        P(
            "Bålplads og bord-bænkesæt ved forsamlingshuset",
            "En bålplads med bænke og to bord-bænkesæt, hvor byen kan samles til sankthans og andre fester.",
            "Borum er en lille by med et stærkt fællesskab. "
            "Vi mangler et fast sted, hvor vi kan tænde bål og spise sammen udendørs. "
            "Vi foreslår en bålplads med bænke i en rundkreds og to bord-bænkesæt. "
            "Stedet skal bruges til sankthans, høstfest og små arrangementer hele året.",
            45_000,
            FAELLESSKAB,
        ),
        P(
            "Naturlegeplads på den gamle boldbane",
            "Den gamle boldbane bliver til en naturlegeplads med stammer, sten, pilehytter og en lille bakke.",
            "Boldbanen bliver ikke brugt mere, fordi der har været for få børn til at spille fodbold. "
            "Nu flytter nye børnefamilier til, og de mangler et sted at lege. "
            "Vi foreslår en naturlegeplads med stammer, sten, pilehytter og en bakke at rulle ned ad. "
            "Forældrene har lovet at hjælpe med at bygge.",
            95_000,
            LEG,
        ),
        P(
            "Hjertestarter midt i byen",
            "Byens første hjertestarter, som alle kan bruge hele døgnet.",
            "I dag er der ingen hjertestarter i Borum, og det kan tage tid, før en ambulance når frem. "
            "Ved hjertestop tæller hvert minut. "
            "Vi foreslår en hjertestarter i et opvarmet skab midt i byen. "
            "Vi holder også et gratis kursus i førstehjælp.",
            25_000,
            FAELLESSKAB,
        ),
        P(
            "Cykelhvil med vandpost og pumpe",
            "Et lille hvilested for cyklister med bænk, vandpost og cykelpumpe midt i byen.",
            "Mange cyklister kommer gennem Borum, når de er på tur i weekenden. "
            "Et cykelhvil med bænk, vandpost og pumpe gør byen til et naturligt stop. "
            "Byens egne børn og voksne kan også bruge det. "
            "Der kommer også et kort over gode ruter i området.",
            40_000,
            TRAFIK,
        ),
        P(
            "Læskur ved busstoppet til skolebørnene",
            "Et læskur med bænk og lys, så skolebørnene ikke skal stå i regn og mørke, mens de venter på bussen.",
            "Børnene i Borum tager bussen til skole. "
            "I dag venter de ved vejen uden tag over hovedet. "
            "Vi foreslår et læskur med en bænk og en lille lampe med solceller. "
            "Så bliver morgenen lidt bedre, og bilisterne kan se børnene.",
            55_000,
            TRAFIK,
        ),
    ),
    "egaa": (
        P(
            "Fugleskjul ved søen",
            "Et lille fugleskjul af træ, hvor man kan se fugle på tæt hold uden at forstyrre dem.",
            "Ved søen er der mange fugle hele året. "
            "Et fugleskjul gør det muligt at se dem tæt på uden at skræmme dem væk. "
            "Skjulet får bænke, kighuller i forskellige højder og plancher om de mest almindelige fugle. "
            "Skoler og børnehaver kan bruge det, når de har natur på skemaet.",
            120_000,
            NATUR,
        ),
        P(
            "Hundeskov med hegn og bænke",
            "En indhegnet hundeskov, hvor hunde kan løbe frit, og hvor ejerne kan mødes.",
            "Mange hundeejere i Egå går de samme ture hver dag, men hundene må ikke løbe frit. "
            "Vi foreslår et indhegnet område med låger, bænke og affaldsspande. "
            "Området skal ligge, så det ikke generer andre, der går tur. "
            "En gruppe frivillige vil tage sig af hegnet og oprydningen.",
            85_000,
            NATUR,
        ),
        P(
            "Udendørs fitness ved havnen",
            "Træningsredskaber tæt på vandet, så alle kan træne i frisk luft.",
            "Mange løber og går ture langs vandet. "
            "Med et par træningsredskaber kan de også træne styrke og balance undervejs. "
            "Vi foreslår redskaber, der passer til både unge og ældre. "
            "Et skilt viser enkle øvelser, og redskaberne kan tåle salt og blæst.",
            140_000,
            LEG,
        ),
        P(
            "Legeplads med vandleg for de mindste",
            "En legeplads med pumpe, render og dæmninger, hvor børn kan lege med vand om sommeren.",
            "Børn elsker at lege med vand og sand. "
            "Vi foreslår en legeplads med en håndpumpe, render og små dæmninger, som børnene selv kan åbne og lukke. "
            "Pumpen bruger drikkevand og stopper selv efter kort tid, så der ikke går vand til spilde. "
            "Der kommer bænke og skygge til de voksne.",
            180_000,
            LEG,
        ),
        P(
            "Overdækket cykelparkering ved skolen",
            "Flere cykelstativer med tag, så børnenes cykler står tørt, og flere får lyst til at cykle.",
            "Cykelstativerne ved skolen er fyldt hver morgen, og der er ikke tag over. "
            "Mange cykler ligger i bunker, og sadlerne er våde, når børnene skal hjem. "
            "Vi foreslår 60 nye pladser med tag og lys. "
            "Det gør det nemmere at vælge cyklen frem for bilen.",
            80_000,
            TRAFIK,
        ),
        P(
            "Trappe og læskærm til vinterbadere ved stranden",
            "En trappe ned i vandet og en læskærm, hvor man kan klæde om, når man bader om vinteren.",
            "Flere og flere bader i havet hele året. "
            "I dag er det svært at komme sikkert i vandet, når der er is og glatte sten. "
            "Vi foreslår en solid trappe med gelænder og en læskærm med bænke og knager. "
            "Vinterbadeklubben vil hjælpe med at holde stedet pænt.",
            110_000,
            FAELLESSKAB,
        ),
        P(
            "Affaldssortering ved stranden og legepladserne",
            "Nye spande, hvor man kan sortere plast, pap og restaffald, når man er ude.",
            "Om sommeren flyder skraldespandene ved stranden og legepladserne over. "
            "Det meste ender som restaffald, selvom meget kunne genbruges. "
            "Vi foreslår spande med låg og tre rum, og vi sætter tydelige skilte op. "
            "Låget holder også måger og krager væk fra affaldet.",
            40_000,
            KLIMA,
        ),
    ),
    "elev": (
        P(
            "Shelters og bålplads ved åen",
            "To shelters og en bålplads tæt på åen, hvor familier og spejdere kan overnatte.",
            "Der er smukt ved åen, men ingen steder at holde pause eller sove ude. "
            "Vi foreslår to shelters og en bålplads med bænke. "
            "Stedet ligger tæt på stien, så det er let at finde. "
            "Shelterne kan bookes gratis på nettet.",
            120_000,
            NATUR,
        ),
        P(
            "Ny legeplads ved skolen",
            "Den gamle legeplads ved skolen får nye gynger, en klatrevæg og et stort sandområde.",
            "Legepladsen bruges af skolen, børnehaven og af familier om eftermiddagen. "
            "Flere redskaber er slidte og er blevet fjernet. "
            "Vi foreslår nye gynger, en klatrevæg og et stort sandområde med en vandpumpe. "
            "Børnene har været med til at vælge redskaberne.",
            140_000,
            LEG,
        ),
        P(
            "Bogbytteskab ved købmanden",
            "Et lille skab med glasdør, hvor man kan bytte bøger: Tag en bog, og sæt en anden ind.",
            "Et bogbytteskab er et lille bibliotek, som alle passer på. "
            "Man tager en bog og sætter en anden ind, når man har læst den. "
            "Skabet får tag og glasdør, så bøgerne holder sig tørre. "
            "Købmanden har sagt ja til, at skabet må stå ved indgangen.",
            15_000,
            FAELLESSKAB,
        ),
        P(
            "Cykelstativer ved busstoppet",
            "20 nye cykelstativer ved busstoppet, så de unge kan låse cyklen ordentligt, når de tager bussen.",
            "Mange unge cykler til busstoppet og tager bussen videre til skole eller arbejde. "
            "I dag står cyklerne op ad hegnet, og flere er blevet stjålet. "
            "Vi foreslår 20 stativer, hvor man kan låse cyklen fast i stellet. "
            "Der kommer også lys, så stedet føles trygt om aftenen.",
            35_000,
            TRAFIK,
        ),
        P(
            "Fælles kompostplads til haveaffald",
            "En fælles plads til kompost, så haveaffaldet bliver til ny muld i stedet for at blive kørt væk.",
            "Mange kører langt med haveaffald hver weekend. "
            "På en fælles kompostplads kan vi lave det om til muld her i byen. "
            "Pladsen får tre store kompostkasser og et skilt om, hvad der må komme i. "
            "Alle i byen kan hente muld gratis.",
            35_000,
            KLIMA,
        ),
        P(
            "Nye fodboldmål og net på boldbanen",
            "Boldbanen får nye mål i to størrelser og et højt net bag målene, så bolden ikke ryger ud på vejen.",
            "Boldbanen bliver brugt hver dag efter skole. "
            "Målene er gamle og rustne, og bolden ryger tit ud på vejen. "
            "Vi foreslår nye mål i to størrelser og et højt net bag målene. "
            "Så kan både små og store spille sikkert.",
            35_000,
            UNGE,
        ),
    ),
    "harlev": (
        P(
            "Udeklasse i skoven med bænke og tavle",
            "En rundkreds af bænke, et bord og en tavle i skoven, hvor skole og børnehaver kan have timer ude.",
            "Skolen og børnehaverne vil gerne være mere ude, men de mangler et fast sted i skoven. "
            "Vi foreslår en rundkreds af solide bænke, et arbejdsbord og en tavle, der kan tåle regn. "
            "Spejdere og familier kan også bruge stedet. "
            "Man kan gå derhen fra skolen på ti minutter.",
            65_000,
            UNGE,
        ),
        P(
            "Lys på stien til idrætsanlægget",
            "Lys på den sidste del af stien, så børn og unge kan komme trygt hjem fra træning om vinteren.",
            "Mange børn og unge går eller cykler hjem fra træning, når det er mørkt. "
            "Den sidste del af stien har ingen lys, og det gør forældrene utrygge. "
            "Vi foreslår lamper, der lyser ned på stien og dæmpes om natten. "
            "Det gør det lettere at lade bilen stå.",
            140_000,
            TRAFIK,
        ),
        P(
            "Krolfbane ved forsamlingshuset",
            "En krolfbane med ni huller, hvor alle aldre kan spille sammen.",
            "Krolf er en blanding af kroket og golf. "
            "Det er let at lære, og både børn og ældre kan være med. "
            "Vi foreslår en bane med ni huller på plænen ved forsamlingshuset. "
            "Køller og bolde kan lånes i forsamlingshuset.",
            40_000,
            FAELLESSKAB,
        ),
        P(
            "Vilde blomster i byens rabatter",
            "Vi sår vilde blomster i udvalgte rabatter og slår dem kun to gange om året.",
            "Mange rabatter bliver slået så tit, at der kun vokser græs. "
            "Hvis vi sår vilde, danske blomster, får bier og sommerfugle mere mad. "
            "Det kræver også færre timer med plæneklipperen. "
            "Vi sætter små skilte op, så naboerne ved, hvorfor det ser vildt ud.",
            35_000,
            NATUR,
        ),
        P(
            "Hjertestarter ved forsamlingshuset",
            "En hjertestarter i et opvarmet skab, som alle kan bruge hele døgnet.",
            "Der sker meget ved forsamlingshuset, men den nærmeste hjertestarter er låst inde om aftenen. "
            "Vi foreslår en hjertestarter i et opvarmet skab på ydervæggen. "
            "Den bliver registreret, så alarmcentralen kan sende folk derhen. "
            "Vi holder også et kursus i førstehjælp.",
            25_000,
            FAELLESSKAB,
        ),
        P(
            "Parkourbane for unge",
            "En bane med mure, stænger og platforme, hvor unge kan løbe, hoppe og klatre.",
            "Parkour er populært blandt unge, men de mangler et sted at træne. "
            "En parkourbane har mure, stænger og platforme i forskellige højder. "
            "Den kan også bruges til almindelig træning. "
            "De unge fra byens klub har været med til at vælge redskaberne.",
            210_000,
            UNGE,
        ),
        P(
            "Solceller på taget af klubhuset",
            "Solceller på klubhusets tag sænker elregningen, så foreningen får flere penge til aktiviteter.",
            "Klubhuset bruger meget strøm til lys, varmt vand og køleskabe. "
            "Solceller på taget kan dække en stor del af forbruget. "
            "Det er godt for klimaet og sparer foreningen penge hvert år. "
            "Pengene kan i stedet gå til aktiviteter for børn og unge.",
            120_000,
            KLIMA,
        ),
    ),
    "hasselager": (
        P(
            "Ny legeplads med klatretårn i parken",
            "Den slidte legeplads i parken bliver skiftet ud med en ny med klatretårn, tovbane og gynger.",
            "Legepladsen i parken er over 25 år gammel, og flere redskaber er lukket. "
            "Vi foreslår en ny legeplads med et stort klatretårn, en tovbane og gynger til både små og store børn. "
            "Der kommer også borde og bænke. "
            "Børn fra skolen har tegnet deres drømmelegeplads, og vi har brugt tegningerne i forslaget.",
            200_000,
            LEG,
        ),
        P(
            "Tydeligere skolevej med maling og skilte",
            "Farvede felter og skilte viser bilisterne, at her går og cykler børn til skole.",
            "Skolevejen krydser flere veje, hvor bilerne kører hurtigt. "
            "Vi foreslår farvede felter på vejen de farligste steder og skilte, der er lette at se. "
            "Børnene har selv været med til at pege på de farlige steder. "
            "Kommunen skal godkende løsningen.",
            60_000,
            TRAFIK,
        ),
        P(
            "Strøm og lys i parken til fester og markeder",
            "Faste stikkontakter og lyskæder i parken gør det nemt at holde byfest, loppemarked og julemarked.",
            "Hver gang der er fest i parken, skal vi låne lange kabler og en generator. "
            "Det er besværligt, og generatoren larmer. "
            "Vi foreslår et fast el-skab med stikkontakter og lyskæder i træerne, som kan tændes ved arrangementer. "
            "Foreningerne kan låne nøglen hos lokalrådet.",
            80_000,
            FAELLESSKAB,
        ),
        P(
            "Fuglekasser og flagermuskasser i byens træer",
            "Børn og voksne bygger 50 fuglekasser og 10 flagermuskasser og hænger dem op rundt i byen.",
            "Mange fugle og flagermus mangler steder at bo. "
            "Vi vil bygge kasserne sammen med skolen og spejderne på en fælles arbejdsdag. "
            "Kasserne bliver hængt op i parken og langs stierne. "
            "Hvert år tjekker vi, hvem der er flyttet ind.",
            20_000,
            NATUR,
        ),
        P(
            "Cykelreparationsstation ved skolen",
            "En fast station med pumpe og værktøj, så børn og voksne selv kan ordne cyklen.",
            "Mange cykler til skole og arbejde. "
            "Når dækket er fladt, står man ofte uden pumpe. "
            "Stationen har en pumpe og det mest almindelige værktøj, som sidder fast med wirer. "
            "Den kan bruges hele døgnet.",
            30_000,
            TRAFIK,
        ),
        P(
            "Deleskur med værktøj, som alle kan låne",
            "Et skur med værktøj, stiger og haveredskaber, som naboerne kan låne i stedet for at købe selv.",
            "De fleste har en boremaskine, der kun bliver brugt få minutter om året. "
            "I et deleskur kan man låne værktøj, stiger og haveredskaber. "
            "Man låner med en app og en kodelås. "
            "Det sparer penge og ressourcer, og man lærer sine naboer at kende.",
            55_000,
            KLIMA,
        ),
    ),
    "hjortshoej": (
        P(
            "Skolehave med højbede og redskabsskur",
            "En skolehave, hvor eleverne dyrker grøntsager, og hvor byens familier kan være med i ferierne.",
            "Børn lærer meget af selv at så, passe og høste. "
            "Vi foreslår 20 højbede, et redskabsskur og en regnvandstønde ved skolen. "
            "Skolen bruger haven i undervisningen. "
            "I sommerferien kan familier låne et bed.",
            95_000,
            UNGE,
        ),
        P(
            "Shelter ved stien mod skoven",
            "Et shelter og en bålplads langs stien mod skoven, så man kan overnatte tæt på byen.",
            "Stien mod skoven bruges af mange, men der er ingen steder at holde pause i ly. "
            "Et shelter kan bruges til overnatning, men også til frokost på en regnvejrsdag. "
            "Der kommer en bålplads og et bord-bænkesæt. "
            "Shelteret kan bookes på nettet.",
            110_000,
            NATUR,
        ),
        P(
            "Nedgravede trampoliner på legepladsen",
            "Tre trampoliner gravet ned i jorden, så alle børn kan hoppe sikkert.",
            "Trampoliner er noget af det sjoveste, børn ved. "
            "Når de er gravet ned i jorden, er der ikke langt at falde. "
            "Vi foreslår tre trampoliner i forskellige størrelser. "
            "De er lavet til offentlige legepladser og kan tåle både regn og frost.",
            70_000,
            LEG,
        ),
        P(
            "Overdækket cykelparkering ved stationen",
            "Flere cykelpladser med tag og lys ved stationen, så det er nemmere at tage cyklen til toget.",
            "Cykelstativerne ved stationen er fyldt, og mange cykler står ude i regnen. "
            "Vi foreslår 80 nye pladser med tag og lys, hvor man kan låse cyklen fast i stellet. "
            "Der kommer også to pladser til ladcykler. "
            "Det skal være let at vælge cykel og tog frem for bil.",
            120_000,
            TRAFIK,
        ),
        P(
            "Fællestelt til byfest og loppemarked",
            "Et stort telt, som byens foreninger kan låne gratis til byfest, loppemarked og sommerfest.",
            "Foreningerne lejer telt flere gange om året, og det er dyrt. "
            "Et fælles telt kan lånes gratis af alle foreninger i byen. "
            "Vi køber også borde og bænke til 100 personer. "
            "Teltet står i et skur ved hallen, når det ikke bliver brugt.",
            40_000,
            FAELLESSKAB,
        ),
        P(
            "Basketbane med to kurve",
            "En basketbane med ny belægning og to kurve, så de unge har et sted at spille.",
            "Mange unge spiller basket, men den eneste kurv i byen er gammel og skæv. "
            "Vi foreslår en halv bane med god belægning, to kurve og lys om aftenen. "
            "Banen ligger tæt på skolen, så den også kan bruges i frikvartererne. "
            "Om sommeren kan vi holde små turneringer.",
            85_000,
            UNGE,
        ),
    ),
    "lisbjerg": (
        P(
            "Bålhytte som mødested for nye og gamle borgere",
            "En bålhytte, hvor de mange nye tilflyttere og dem, der har boet her længe, kan mødes.",
            "Lisbjerg vokser hurtigt, og mange nye familier flytter til. "
            "Vi mangler et sted, hvor man mødes på tværs. "
            "En bålhytte med bænke rundt om bålet kan bruges til fællesspisning, spejdermøder og fødselsdage. "
            "Lokalrådet holder en fast bålaften hver måned.",
            125_000,
            FAELLESSKAB,
        ),
        P(
            "Træer og buske i de nye kvarterer",
            "Vi planter træer og buske i de nye kvarterer, som stadig er meget bare.",
            "I de nye kvarterer er der mange huse, men kun få træer. "
            "Træer giver skygge og læ og plads til fugle og insekter. "
            "Vi foreslår 15 træer og en række buske med blomster langs stierne. "
            "Beboerne kan melde sig til at vande de første somre.",
            60_000,
            KLIMA,
        ),
        P(
            "Små legeredskaber langs stien",
            "Balancebomme, trædesten og en lille tunnel langs stien gør gåturen sjovere for børn.",
            "Mange familier går på stien mellem boligerne og letbanen. "
            "Små legeredskaber undervejs gør turen sjov for børnene. "
            "Vi foreslår balancebomme, trædesten og en tunnel af pil. "
            "Redskaberne passer ind i naturen og kræver ikke meget vedligeholdelse.",
            75_000,
            LEG,
        ),
        P(
            "Bænke med udsigt på bakken",
            "Fire bænke på bakken, hvor der er en flot udsigt over byen og landskabet.",
            "Fra bakken er der en flot udsigt, men der er ingen steder at sidde. "
            "Med fire bænke bliver det et sted, hvor man kan nyde solnedgangen. "
            "Bænkene er af træ og har ryglæn. "
            "Vi sætter også en affaldsspand op.",
            30_000,
            NATUR,
        ),
        P(
            "Cykelstativer og pumpe ved letbanen",
            "Flere cykelstativer og en pumpe ved letbanen, så det er let at kombinere cykel og letbane.",
            "Mange cykler hen til letbanen og tager den videre ind til byen. "
            "Stativerne er ofte fyldt, og cyklerne står i vejen. "
            "Vi foreslår 30 nye pladser og en fast cykelpumpe. "
            "Det gør det nemmere at lade bilen stå.",
            40_000,
            TRAFIK,
        ),
        P(
            "Basketkurv og små fodboldmål på pladsen",
            "En basketkurv og to små mål på en asfaltplads, så de store børn har noget at lave.",
            "Der er legepladser til de små, men ikke meget for de 10-15-årige. "
            "En basketkurv og to små mål giver dem et sted at spille og mødes. "
            "Pladsen skal ligge tæt på stierne, så den er synlig. "
            "Det er de unge selv, der har fået idéen.",
            55_000,
            UNGE,
        ),
    ),
    "lystrup": (
        P(
            "Scene til sommerkoncerter i bymidten",
            "En lille fast scene med tag, hvor lokale bands, kor og skoler kan optræde om sommeren.",
            "Om sommeren mangler vi et sted, hvor vi kan samles om musik og kultur. "
            "En fast scene med tag gør det nemt at holde koncerter, fællessang og skoleforestillinger. "
            "Scenen får strøm, så man ikke skal leje en generator. "
            "Foreninger og borgere kan booke den gratis.",
            280_000,
            FAELLESSKAB,
        ),
        P(
            "Blinkende skilte og tydelige striber ved skolen",
            "Blinkende skilte og nye striber på vejen gør skolevejen mere sikker om morgenen.",
            "Om morgenen er der mange biler, cykler og børn ved skolen på samme tid. "
            "Bilisterne kører ofte for stærkt. "
            "Vi foreslår to skilte, der blinker i skoletiden, og nye, tydelige striber på vejen. "
            "Forslaget skal laves sammen med kommunens trafikfolk.",
            95_000,
            TRAFIK,
        ),
        P(
            "Skatepark med ramper, bowl og rails",
            "En rigtig skatepark i beton til skateboard, løbehjul og BMX for byens mange unge.",
            "Lystrup er en stor by med mange unge, men der er ingen skatepark. "
            "Vi foreslår en park i beton med en lille bowl, ramper og rails. "
            "Beton holder i mange år og larmer mindre end træ og stål. "
            "Parken skal ligge tæt på hallen, så der er lys og liv omkring den.",
            380_000,
            UNGE,
        ),
        P(
            "Blomstereng på den store plæne",
            "Vi laver en del af den store plæne om til en blomstereng med vilde, danske blomster.",
            "Den store plæne bliver slået hver uge, men kun få bruger den. "
            "Hvis vi sår vilde blomster, får bier og sommerfugle mad, og området bliver smukkere. "
            "Skoleklasser kan bruge engen, når de skal lære om insekter. "
            "Vi sætter skilte op, der forklarer projektet.",
            40_000,
            NATUR,
        ),
        P(
            "Byttehylde til bøger og legetøj ved biblioteket",
            "En overdækket hylde, hvor man kan stille bøger og legetøj, man ikke bruger, og tage noget nyt med hjem.",
            "Mange har bøger og legetøj, der bare står i skabet. "
            "En byttehylde giver tingene et nyt liv og er et lille mødested. "
            "Hylden får tag og låger, så tingene holder sig tørre. "
            "Frivillige kigger forbi og rydder op en gang om ugen.",
            20_000,
            FAELLESSKAB,
        ),
        P(
            "Svævebane og klatrestativ i parken",
            "En svævebane og et stort klatrestativ af reb, som både store børn og voksne kan bruge.",
            "Parken bliver brugt af mange familier, men legepladsen er mest for de helt små. "
            "De store børn mangler noget, der er sjovt og lidt vildt. "
            "Vi foreslår en 30 meter lang svævebane og et klatrestativ af reb. "
            "Der kommer flis under redskaberne, så det passer ind i parken.",
            150_000,
            LEG,
        ),
        P(
            "Bytræer langs hovedgaden",
            "Tyve nye træer giver skygge, renere luft og en grønnere hovedgade.",
            "Hovedgaden er bred og grå, og om sommeren bliver den meget varm. "
            "Træer giver skygge, tager imod regnvand og gør gaden rarere at gå på. "
            "Vi foreslår tyve træer af arter, der kan tåle byluft og tørke. "
            "Naboer kan melde sig som træpassere og vande de første somre.",
            120_000,
            KLIMA,
        ),
        P(
            "To nye hjertestartere i byen",
            "Vi sætter to hjertestartere op i områder, hvor der i dag er langt til den nærmeste.",
            "Ved hjertestop tæller hvert minut. "
            "I flere af de nye boligområder er der i dag langt til en hjertestarter. "
            "Vi foreslår to hjertestartere i opvarmede skabe, som kan bruges hele døgnet. "
            "Vi holder også et gratis kursus i førstehjælp for beboerne.",
            35_000,
            FAELLESSKAB,
        ),
    ),
    "loegten-skoedstrup": (
        P(
            "Shelters og bålplads ved stranden",
            "To shelters og en bålplads tæt på vandet, så familier, spejdere og skoleklasser kan overnatte ude.",
            "Stranden er et af de bedste steder i området, men der er ingen steder at overnatte eller tænde bål. "
            "Vi foreslår to shelters med plads til seks personer hver og en bålplads med bænke. "
            "Shelterne kan bookes gratis på nettet. "
            "De skal ligge, så de ikke generer naboerne.",
            140_000,
            NATUR,
        ),
        P(
            "Madpakkehus ved skolen",
            "Et åbent hus med tag, borde og bålsted, hvor klasser kan spise og have undervisning ude.",
            "Lærerne vil gerne bruge naturen mere i undervisningen, men det regner tit. "
            "Et madpakkehus giver tag over hovedet til en hel klasse. "
            "Der kommer borde, bænke og et bålsted i midten. "
            "Efter skoletid kan familier og foreninger bruge huset.",
            160_000,
            UNGE,
        ),
        P(
            "Petanquebaner og bænke ved ældreboligerne",
            "To petanquebaner med bænke, så ældre og andre naboer har et sted at mødes og spille.",
            "Mange ældre i området savner et sted at mødes udendørs. "
            "Petanque er let at lære, og alle kan være med. "
            "Vi foreslår to baner med kant, to bænke og et lille skur til kuglerne. "
            "Beboerne i ældreboligerne vil gerne passe banerne.",
            55_000,
            FAELLESSKAB,
        ),
        P(
            "Lys på stien mellem Løgten og Skødstrup",
            "Mange børn og unge bruger stien mellem de to bydele. Vi vil gøre den tryg at bruge, også om vinteren.",
            "Stien er den korteste vej mellem skolen, hallen og boligerne. "
            "Om vinteren er den helt mørk fra sidst på eftermiddagen. "
            "Vi foreslår lave lamper med bevægelsessensor, så der kun er fuldt lys, når nogen kommer forbi. "
            "Det sparer strøm og tager hensyn til dyrelivet.",
            220_000,
            TRAFIK,
        ),
        P(
            "Vandposter ved stranden og sportspladsen",
            "To vandposter med drikkevand, så man kan fylde sin flaske i stedet for at købe en ny.",
            "Om sommeren er der mange mennesker ved stranden og på sportspladsen. "
            "I dag skal man gå hjem eller købe vand på flaske. "
            "Med to vandposter kan alle få gratis drikkevand. "
            "Det sparer plastik og er godt for både børn og motionister.",
            45_000,
            KLIMA,
        ),
        P(
            "Legeplads, hvor alle børn kan være med",
            "En ny legeplads, hvor børn i kørestol eller med andre handicap kan lege sammen med deres venner.",
            "De fleste legepladser er svære at bruge, hvis man sidder i kørestol. "
            "Vi foreslår en legeplads med fast underlag, en stor gyngekurv og en sandkasse i bordhøjde. "
            "Der kommer også bænke, så forældre og bedsteforældre kan sidde tæt på. "
            "Vi har lavet forslaget sammen med familier, der har børn med handicap.",
            330_000,
            LEG,
        ),
        P(
            "Kunst på væggene i tunnelen under vejen",
            "Lokale kunstnere og skolebørn maler tunnelen, så den bliver lys, farverig og mindre trist.",
            "Tunnelen under vejen er grå og mørk, og der er ofte graffiti. "
            "Vi foreslår, at lokale kunstnere laver et stort maleri sammen med skolens elever. "
            "Væggene får en behandling, der gør det nemt at fjerne tags. "
            "Det gør vejen til skole og hal mere tryg og meget pænere.",
            60_000,
            FAELLESSKAB,
        ),
    ),
    "malling": (
        P(
            "Bålhytte i skoven til byens foreninger",
            "En lukket bålhytte med bænke hele vejen rundt, som spejdere, skoler og familier kan låne.",
            "Mange foreninger i Malling bruger skoven, men der er ikke ly, når vejret er dårligt. "
            "En bålhytte giver plads til 25 personer rundt om et bål. "
            "Hytten bygges af træ fra danske skove. "
            "Den kan bookes gratis, og der er altid brænde i kassen.",
            180_000,
            NATUR,
        ),
        P(
            "Lille trafikbane, hvor børn lærer at cykle",
            "En lille bane med striber, skilte og en rundkørsel, hvor de mindste kan øve sig i trafik.",
            "Det er svært at lære trafikregler på en stor vej. "
            "På en lille trafikbane kan børn øve sig et sikkert sted. "
            "Banen får striber, små skilte, en rundkørsel og et fodgængerfelt. "
            "Børnehaver og skolens mindste klasser kan bruge den i dagtimerne.",
            90_000,
            UNGE,
        ),
        P(
            "Blomstereng og insekthotel ved regnvandsbassinet",
            "Vi sår vilde blomster rundt om regnvandsbassinet og bygger et insekthotel sammen med skolen.",
            "Græsset rundt om regnvandsbassinet bliver slået tit, men det bliver sjældent brugt. "
            "Hvis vi sår vilde blomster, får bier og andre insekter et bedre sted at leve. "
            "Skolens elever bygger et stort insekthotel i natur og teknologi. "
            "Der kommer skilte, der forklarer, hvorfor det ser lidt vildt ud.",
            35_000,
            KLIMA,
        ),
        P(
            "Multibane med kunstgræs ved skolen",
            "En indhegnet bane til fodbold, basket og hockey, som kan bruges hele året.",
            "Den gamle asfaltbane ved skolen er slidt og hård at falde på. "
            "En multibane med kunstgræs og hegn kan bruges til mange slags spil. "
            "Den kan bruges både i frikvartererne og i fritiden. "
            "Banen kan bruges hele året og kræver kun lidt vedligeholdelse.",
            310_000,
            LEG,
        ),
        P(
            "Udekøkken til fællesspisning i bymidten",
            "Et overdækket udekøkken med grill, vask og borde, hvor vi kan spise sammen om sommeren.",
            "Fællesspisning er populært, men foreningerne mangler et sted at lave mad udendørs. "
            "Vi foreslår et udekøkken med tag, en stor grill, en vask og lange borde. "
            "Det kan bruges til byfest, fællesspisning og fødselsdage. "
            "Lokalrådet står for booking og rengøring.",
            85_000,
            FAELLESSKAB,
        ),
        P(
            "Bænke med udsigt langs stien ud af byen",
            "Fem enkle bænke langs den populære gåtur ud af byen, så flere kan gå hele turen.",
            "Mange ældre vil gerne gå en tur, men har brug for pauser. "
            "I dag er der langt mellem steder at sætte sig. "
            "Fem bænke med ryglæn gør det muligt for flere at gå hele turen. "
            "Vi sætter dem op, hvor der er udsigt over markerne.",
            30_000,
            NATUR,
        ),
        P(
            "Ungdomsskur med tag, lys og strøm",
            "Et sted, hvor de unge kan mødes om aftenen, med tag, bænke, lys og stik til at lade telefonen.",
            "De unge mangler et sted at være, som ikke er en parkeringsplads eller et busskur. "
            "Vi foreslår et åbent skur med tag, bænke, lys og stikkontakter. "
            "Det skal ligge synligt, men ikke tæt på boliger. "
            "De unge har selv valgt stedet sammen med lokalrådet.",
            110_000,
            UNGE,
        ),
    ),
    "mundelstrup": (
        P(
            "Legeplads i det nye boligområde",
            "En legeplads i det nye boligområde, hvor der er mange børn, men ingen steder at lege.",
            "De seneste år er der bygget mange nye huse, og der er kommet mange børn til byen. "
            "Den nærmeste legeplads ligger langt væk på den anden side af vejen. "
            "Vi foreslår en legeplads med gynger, klatrestativ og sandkasse. "
            "Der kommer også bænke og et bord til forældrene.",
            130_000,
            LEG,
        ),
        P(
            "Skovhave med nødder, bær og frugt",
            "En lille skovhave med nøddetræer, bærbuske og frugttræer, som alle må plukke fra.",
            "En skovhave ligner en skov, men næsten alt i den kan spises. "
            "Vi foreslår at plante hasselnødder, æbler, solbær og stikkelsbær "
            "på et grønt område, som ikke bliver brugt. "
            "Der kommer en sti og to bænke, så man kan gå en tur og plukke. "
            "Frivillige fra byen hjælper med at passe haven de første år.",
            60_000,
            NATUR,
        ),
        P(
            "Lys i tunnelen under banen",
            "Stærkere lamper i tunnelen, så den føles tryg at gå igennem om aftenen.",
            "Tunnelen under banen er den eneste vej til fods mellem de to dele af byen. "
            "Lyset er svagt, og flere lamper er tit i stykker. "
            "Vi foreslår nye, kraftige lamper, der er svære at ødelægge. "
            "Væggene bliver også malet i en lys farve.",
            45_000,
            TRAFIK,
        ),
        P(
            "Langbord til fællesspisning på plænen",
            "Et langt bord med bænke til 30 personer, hvor naboer kan spise sammen om sommeren.",
            "Vi vil gerne lære vores naboer bedre at kende, nu hvor så mange nye er flyttet til. "
            "Et langbord på plænen inviterer til fællesspisning og sommerfester. "
            "Bordet er af solidt træ og står fast hele året. "
            "Vi starter med fællesspisning den første fredag i hver sommermåned.",
            40_000,
            FAELLESSKAB,
        ),
        P(
            "Skaterampe for de mindste",
            "En lav rampe og et par små forhindringer, hvor de yngste kan lære at køre på løbehjul og skateboard.",
            "De store skateparker er for vilde for de mindste. "
            "En lav rampe og små forhindringer giver dem et sted at øve sig trygt. "
            "Den kan stå tæt på den nye legeplads, så forældrene kan holde øje. "
            "Rampen er lavet af et materiale, der ikke larmer ret meget.",
            60_000,
            UNGE,
        ),
    ),
    "maarslet": (
        P(
            "Blomsterbede og bænke ved stationen",
            "Blomsterbede og bænke gør området ved stationen til et rart sted at vente og mødes.",
            "Området ved stationen er mest grus og asfalt. "
            "Mange venter her hver dag, men der er ikke meget at se på. "
            "Vi foreslår bede med blomster fra forår til efterår og fire bænke. "
            "En gruppe frivillige vil luge og vande.",
            60_000,
            NATUR,
        ),
        P(
            "Shelter i skovkanten til overnatning",
            "Et shelter med plads til otte personer og en bålplads, som alle kan booke gratis.",
            "Mange familier vil gerne prøve at sove ude, men har ikke udstyr eller et sted at tage hen. "
            "Et shelter tæt på byen gør det nemt at prøve. "
            "Vi foreslår et shelter med plads til otte, en bålplads og en brændekasse. "
            "Spejderne hjælper med at holde stedet pænt.",
            120_000,
            NATUR,
        ),
        P(
            "Lille pumptrack til cykler, løbehjul og skateboards",
            "En lille asfalteret bane med bakker og sving, hvor børn og unge kan køre uden at træde i pedalerne.",
            "En pumptrack er en bane med små bakker og skarpe sving. "
            "Man kommer frem ved at bruge kroppen i stedet for pedalerne. "
            "Banen er sjov for både små og store, og man kan bruge cykel, løbehjul og skateboard. "
            "Den er lavet af asfalt og holder i mange år.",
            270_000,
            UNGE,
        ),
        P(
            "Sikker krydsning for skolebørn ved hallen",
            "Et blinkende skilt og tydeligere striber, så børn kan krydse vejen sikkert på vej til skole og hal.",
            "Mange børn krydser vejen ved hallen hver dag. "
            "Der er meget trafik om morgenen og sidst på eftermiddagen. "
            "Vi foreslår et skilt, der blinker, når børn skal over vejen, og nye striber på vejen. "
            "Kommunen skal godkende løsningen, før den bliver sat op.",
            75_000,
            TRAFIK,
        ),
        P(
            "Byttehus til tøj, ting og bøger",
            "Et lille træhus, hvor man kan aflevere ting, man ikke bruger, og tage noget med hjem gratis.",
            "Vi smider mange ting ud, som andre kunne bruge. "
            "I et byttehus kan de få en ny ejer i stedet. "
            "Huset får hylder, stænger til tøj og lys. "
            "En gruppe frivillige kigger til det to gange om ugen og sørger for, at der er pænt.",
            45_000,
            KLIMA,
        ),
        P(
            "Bordtennis og skakborde i parken",
            "To bordtennisborde og to skakborde i beton, så unge og gamle kan mødes over et spil.",
            "Parken bliver mest brugt af små børn og hundeejere. "
            "Med bordtennis og skak får flere aldersgrupper en grund til at komme. "
            "Bordene er af beton og kan stå ude hele året. "
            "Vi sætter også to bænke op, så man kan sidde og se på.",
            50_000,
            FAELLESSKAB,
        ),
        P(
            "Regnbed, der tager imod vandet ved skybrud",
            "Et stort regnbed med planter, der kan tåle både tørke og vand, tager imod regnvand fra vejen.",
            "Når det regner meget, står vandet på vejen og i kældrene tæt på bymidten. "
            "Et regnbed er et lavt bed, der samler vandet og lader det sive ned i jorden. "
            "Det bliver plantet med blomster og græsser, der ser pæne ud hele året. "
            "Projektet skal laves sammen med kommunen og forsyningen.",
            90_000,
            KLIMA,
        ),
    ),
    "sabro": (
        P(
            "Bondegårdslegeplads med traktor og stald",
            "En legeplads med en legetraktor, en lille stald og en rutsjebane fra høloftet, "
            "der passer til livet på landet.",
            "Sabro ligger midt i landbrugslandet, og det vil vi gerne vise på legepladsen. "
            "Vi foreslår en stor legetraktor af træ, en lille stald med dyr af træ og en rutsjebane fra et høloft. "
            "Der kommer også gynger og en sandkasse. "
            "Alle redskaber er godkendt til offentlige legepladser.",
            175_000,
            LEG,
        ),
        P(
            "Grillplads med tag og bord-bænkesæt",
            "En overdækket grillplads, hvor naboer, hold og familier kan mødes til grill og hygge.",
            "Efter kampe og træning vil mange gerne blive og spise sammen. "
            "I dag er der ikke noget sted at grille. "
            "Vi foreslår en overdækket plads med to faste grill og fire bord-bænkesæt. "
            "Alle kan bruge pladsen uden at booke.",
            55_000,
            FAELLESSKAB,
        ),
        P(
            "Lys på stien til nabobyen",
            "Lys på stien, så skolebørn og pendlere kan cykle trygt til nabobyen i de mørke måneder.",
            "Stien bliver brugt hver dag af skolebørn og af folk, der skal på arbejde. "
            "Om vinteren er den helt mørk, og flere vælger bilen i stedet. "
            "Vi foreslår lamper med bevægelsessensor på det stykke, der bliver brugt mest. "
            "Lyset tænder, når nogen kommer, og slukker igen bagefter.",
            160_000,
            TRAFIK,
        ),
        P(
            "Nyt liv i gadekæret",
            "Gadekæret er ved at gro til. Vi vil rense det op og plante nye planter langs kanten.",
            "Gadekæret er et hyggeligt sted midt i byen, men det er ved at gro til i siv og mudder. "
            "Vi foreslår at rense det op, så der igen bliver frit vand til frøer og ænder. "
            "Langs kanten planter vi vilde blomster og sætter to bænke op. "
            "Arbejdet skal laves, når fuglene ikke har unger.",
            80_000,
            NATUR,
        ),
        P(
            "Fodboldgolfbane rundt om sportspladsen",
            "En bane med ni huller, hvor man skal sparke en fodbold i mål med så få spark som muligt.",
            "Fodboldgolf er sjovt for hele familien, og man skal kun bruge en bold. "
            "Banen får ni huller med forhindringer rundt om sportspladsen. "
            "Man kan låne bolde i klubhuset. "
            "Banen kan også bruges til byfest og børnefødselsdage.",
            60_000,
            LEG,
        ),
        P(
            "Lys med solceller i busskurene",
            "Små lamper med solceller i byens busskure, så man kan ses af bussen og føle sig tryg.",
            "Om vinteren venter skolebørn og pendlere på bussen i mørke. "
            "Chaufføren kan have svært ved at se dem. "
            "Små lamper med solceller giver lys, uden at vi skal grave kabler ned. "
            "Lyset tænder af sig selv, når det bliver mørkt.",
            30_000,
            TRAFIK,
        ),
    ),
    "solbjerg": (
        P(
            "Badebro ved søen",
            "En badebro, så man kan komme sikkert i vandet og sidde ved søen på varme dage.",
            "Søen er byens største attraktion, men det er svært at komme ud i vandet. "
            "En badebro gør det nemmere at bade og at sidde ved vandet. "
            "Broen får en trappe og et gelænder. "
            "Den bliver bygget af et materiale, der holder i mange år.",
            160_000,
            FAELLESSKAB,
        ),
        P(
            "Shelter og bålplads ved søen",
            "Et shelter med udsigt over søen og en bålplads, som alle kan booke.",
            "Mange vil gerne overnatte ude tæt på byen. "
            "Et shelter ved søen giver en flot oplevelse, uden at man skal køre langt. "
            "Vi foreslår et shelter til seks personer og en bålplads med bænke. "
            "Det skal ligge med god afstand til både stien og naboerne.",
            115_000,
            NATUR,
        ),
        P(
            "Gangbro over det våde stykke af stien om søen",
            "En gangbro af træ over den del af stien, der altid står under vand.",
            "En del af stien rundt om søen er mudret det meste af året. "
            "Mange vender om, og barnevogne og kørestole kan ikke komme igennem. "
            "Vi foreslår en gangbro af træ på ca. 40 meter. "
            "Så kan alle gå hele vejen rundt.",
            90_000,
            TRAFIK,
        ),
        P(
            "Discgolfbane i det grønne område bag skolen",
            "En discgolfbane med ni kurve, hvor man kaster frisbee på en rute gennem det grønne område.",
            "Discgolf er ligesom golf, men med frisbees. "
            "Det er gratis at spille, og alle kan være med. "
            "Vi foreslår en bane med ni kurve, som står, så de ikke generer dem, der går tur. "
            "Man kan låne frisbees i hallen.",
            70_000,
            LEG,
        ),
        P(
            "Ungdomshule i en gammel skurvogn",
            "En skurvogn, der bliver sat i stand med lys og varme, bliver et mødested for byens unge.",
            "De unge i byen har ingen klub og mødes tit ved busstoppet. "
            "En skurvogn kan sættes i stand, så den har lys, varme og plads til 10-15 personer. "
            "De unge står selv for indretningen sammen med en voksen fra lokalrådet. "
            "Vognen skal stå ved hallen.",
            60_000,
            UNGE,
        ),
        P(
            "Fælles el-ladcykel til byens foreninger",
            "En el-ladcykel, som foreninger og borgere kan låne til at fragte ting i stedet for at tage bilen.",
            "Mange tager bilen, når de skal fragte ting et kort stykke i byen. "
            "En el-ladcykel kan klare de fleste af de ture. "
            "Man kan booke cyklen gratis på nettet og hente den ved hallen. "
            "Prisen dækker cykel, lås, forsikring og service i tre år.",
            45_000,
            KLIMA,
        ),
    ),
    "spoerring": (
        P(
            "Natursti med poster for børn",
            "En kort natursti med ti poster, hvor børn kan lære om træer, fugle og dyr på en gåtur.",
            "En gåtur bliver sjovere for børn, når der er noget at finde undervejs. "
            "Vi foreslår ti poster langs en kort rute med små opgaver om naturen. "
            "Posterne er af træ og har billeder, så de mindste også kan være med. "
            "Skolen og børnehaven vil bruge stien i undervisningen.",
            35_000,
            NATUR,
        ),
        P(
            "Motionsredskaber til ældre ved sportspladsen",
            "Enkle redskaber til balance, smidighed og styrke, som er lavet til ældre, men alle kan bruge.",
            "Mange ældre vil gerne holde sig i gang, men synes, at almindelige fitnessredskaber er for svære. "
            "Vi foreslår fem redskaber, der træner balance, smidighed og styrke på en blid måde. "
            "De står tæt på klubhuset, hvor der også er toilet og bænke. "
            "Seniorklubben vil lave en fast træningsdag hver uge.",
            90_000,
            LEG,
        ),
        P(
            "Fælleshave med højbede midt i byen",
            "Højbede, hvor naboer kan dyrke grøntsager og krydderurter sammen.",
            "Flere i byen vil gerne dyrke grøntsager, men har ikke selv plads eller erfaring. "
            "I en fælleshave kan man lære af hinanden. "
            "Vi foreslår ti højbede, et lille skur og en regnvandstønde. "
            "Vi deler høsten og holder høstfest i september.",
            45_000,
            KLIMA,
        ),
        P(
            "Lille udendørs scene ved forsamlingshuset",
            "En lille scene af træ, hvor vi kan holde fællessang, koncerter og teater om sommeren.",
            "Forsamlingshuset har en stor have, men ingen scene. "
            "Med en lille scene kan vi holde fællessang, koncerter og børneteater udendørs. "
            "Scenen er lav, så man også kan sidde på den til hverdag. "
            "Forsamlingshusets frivillige står for booking.",
            90_000,
            FAELLESSKAB,
        ),
        P(
            "Sikker krydsning ved busstoppet",
            "En midterhelle og bedre lys ved busstoppet, så børn og ældre kan krydse vejen sikkert.",
            "Mange krydser landevejen for at nå bussen. "
            "Bilerne kører stærkt, og der er ikke noget sted at vente midt på vejen. "
            "Med en midterhelle kan man krydse vejen i to trin. "
            "Kommunen skal godkende løsningen og står for selve arbejdet.",
            120_000,
            TRAFIK,
        ),
    ),
    "todbjerg": (
        P(
            "Ny legeplads ved forsamlingshuset",
            "Den gamle legeplads ved forsamlingshuset bliver skiftet ud med en ny og mere sikker legeplads.",
            "Legepladsen er den eneste i byen, og den er slidt. "
            "Flere redskaber lever ikke længere op til reglerne. "
            "Vi foreslår en ny gynge, et klatrestativ og en sandkasse med låg. "
            "Legepladsen bliver brugt af familier, dagplejere og gæster i forsamlingshuset.",
            105_000,
            LEG,
        ),
        P(
            "Shelter ved skovstien",
            "Et shelter ved stien i skoven, så man kan overnatte eller holde pause i ly.",
            "Mange går eller løber på stien gennem skoven. "
            "Et shelter giver et sted, hvor man kan holde pause, spise madpakke eller sove ude. "
            "Vi foreslår et shelter til seks personer og en bålplads. "
            "Frivillige fra byen passer stedet.",
            100_000,
            NATUR,
        ),
        P(
            "Opslagstavle og byttehylde ved busstoppet",
            "En overdækket opslagstavle og en lille byttehylde, så alle kan se, hvad der sker i byen.",
            "Det er svært at følge med i, hvad der sker i byen, hvis man ikke er på sociale medier. "
            "En opslagstavle ved busstoppet gør det let for alle at se arrangementer og nyheder. "
            "Ved siden af kommer en lille hylde, hvor man kan bytte bøger og ting. "
            "Lokalrådet passer begge dele.",
            20_000,
            FAELLESSKAB,
        ),
        P(
            "Fartviser på landevejen gennem byen",
            "En fartviser viser bilisterne deres fart, når de kører gennem byen.",
            "Landevejen går lige gennem byen, og mange kører for hurtigt. "
            "En fartviser med store tal får de fleste til at sætte farten ned. "
            "Den kører på solceller og kan flyttes. "
            "Vi vil også bede kommunen om at se på, hvad der ellers kan gøres.",
            30_000,
            TRAFIK,
        ),
        P(
            "Blomstereng og bistader i udkanten af byen",
            "Vi sår en blomstereng i udkanten af byen, og en lokal biavler sætter bistader op.",
            "Ude mellem markerne er der langt mellem blomsterne, og det er svært for bierne. "
            "En blomstereng giver mad til bier, sommerfugle og andre insekter. "
            "En lokal biavler vil passe to bistader og holde en honningdag for byens børn. "
            "Engen bliver kun slået én gang om året.",
            25_000,
            KLIMA,
        ),
    ),
    "tranbjerg": (
        P(
            "Naturlegeplads i skovkanten ved skolen",
            "En legeplads af træstammer, sten og pil, hvor børn kan klatre, balancere og bygge huler.",
            "Mange børn leger allerede i skovkanten ved skolen. "
            "Vi vil gøre stedet til en rigtig naturlegeplads med stammer at balancere på, "
            "en lille klatrebane og et pilehus. "
            "Materialerne er robuste og passer ind i skoven. "
            "Skolen og børnehaverne kan bruge pladsen om dagen, og familier kan bruge den resten af tiden.",
            350_000,
            LEG,
        ),
        P(
            "Lys på stien mellem stationen og boligområderne",
            "Stien er mørk om vinteren, og mange føler sig utrygge. "
            "Vi vil sætte lave lamper op på det mørkeste stykke.",
            "Mange pendlere og unge går eller cykler på stien, når det er mørkt. "
            "I dag er der et langt stykke helt uden lys. "
            "Vi foreslår lave lamper, der lyser ned mod stien og ikke generer naboer og dyr. "
            "Lyset kan dæmpes midt om natten for at spare strøm.",
            180_000,
            TRAFIK,
        ),
        P(
            "Udendørs fitness ved idrætsanlægget",
            "Fem robuste træningsredskaber, som alle kan bruge gratis, både unge, voksne og ældre.",
            "Mange løber allerede rundt om idrætsanlægget, men der er ikke noget at træne styrke på. "
            "Vi foreslår fem redskaber til for eksempel armbøjninger, pullups og balance. "
            "Et skilt viser enkle øvelser, og en QR-kode fører til korte videoer. "
            "Redskaberne kan tåle vind og vejr hele året.",
            140_000,
            LEG,
        ),
        P(
            "Hundeskov i det grønne område syd for byen",
            "En indhegnet skov, hvor hunde kan løbe frit, og hvor hundeejere kan mødes.",
            "Der er mange hunde i Tranbjerg, men ingen steder, hvor de må løbe uden snor. "
            "Vi foreslår et hegn på ca. 1,2 meter rundt om et stykke af det grønne område. "
            "Indenfor sætter vi et par bænke og en affaldsspand op. "
            "En gruppe frivillige hundeejere vil passe hundeskoven.",
            95_000,
            NATUR,
        ),
        P(
            "Bænke og affaldsspande rundt om søen",
            "Seks nye bænke og tre affaldsspande, så flere kan holde en pause ved søen.",
            "Stien rundt om søen er populær, men der er næsten ingen steder at sætte sig. "
            "Det er især et problem for ældre og for familier med små børn. "
            "Vi foreslår seks bænke med ryglæn og armlæn og tre affaldsspande. "
            "Bænkene skal stå, så man kan se ud over vandet.",
            45_000,
            NATUR,
        ),
        P(
            "Fællesdrivhus ved medborgerhuset",
            "Et stort drivhus, hvor naboer kan dyrke tomater, krydderurter og blomster sammen.",
            "Mange bor i lejlighed og har ikke selv en have. "
            "Et fælles drivhus giver plads til at dyrke grøntsager og mødes på tværs af alder. "
            "Vi sætter borde, hylder og en regnvandstønde ind. "
            "En lille forening står for nøgler, vanding og fælles plantedage.",
            110_000,
            FAELLESSKAB,
        ),
        P(
            "Ekstra lys ved fodgængerfeltet ved skolen",
            "Stærkere lys over fodgængerfeltet, så bilisterne kan se børnene i de mørke morgentimer.",
            "Om vinteren går mange børn i skole, mens det stadig er mørkt. "
            "Ved fodgængerfeltet er lyset svagt, og børn i mørkt tøj er svære at se. "
            "Vi foreslår særlige lamper, der lyser hele fodgængerfeltet op. "
            "Det er en billig måde at gøre skolevejen meget mere sikker på.",
            60_000,
            TRAFIK,
        ),
        P(
            "Skaterampe ved ungdomsklubben",
            "En mindre skaterampe og et par rails, så de unge har et sted at øve sig tæt på klubben.",
            "I dag skater de unge på parkeringspladser og trapper, og det giver konflikter. "
            "En rampe ved ungdomsklubben giver dem deres eget sted. "
            "Vi foreslår en quarterpipe, en funbox og to rails i beton og stål. "
            "De unge i klubben har selv været med til at tegne forslaget.",
            160_000,
            UNGE,
        ),
    ),
    "trige": (
        P(
            "Nyt liv til den gamle multibane ved skolen",
            "Den slidte multibane ved skolen får nyt kunstgræs, nye mål og lys, så den kan bruges igen.",
            "Børn og unge i Trige mangler et sted at spille bold, når hallen er optaget. "
            "Multibanen ved skolen er slidt, og kunstgræsset er så tyndt, at man slår sig, når man falder. "
            "Vi foreslår nyt kunstgræs, nye mål og lys, så banen også kan bruges om vinteren. "
            "Banderne er stadig gode, så dem beholder vi.",
            170_000,
            LEG,
        ),
        P(
            "Bord-bænkesæt ved legepladsen",
            "Tre bord-bænkesæt ved legepladsen, så forældre og bedsteforældre kan sidde og spise madpakker.",
            "Legepladsen er fuld af liv, men der er kun én bænk. "
            "Forældre og bedsteforældre står op eller sidder på kanten af sandkassen. "
            "Vi foreslår tre solide bord-bænkesæt af træ, og det ene passer til en kørestol. "
            "Det gør legepladsen til et bedre sted at mødes.",
            35_000,
            FAELLESSKAB,
        ),
        P(
            "Læhegn og en lille skov i kanten af byen",
            "Vi planter et læhegn og en lille skov sammen med byens borgere på en fælles plantedag.",
            "Det blæser meget i den ene ende af byen. "
            "Et læhegn giver læ, og en lille skov binder CO2 og giver plads til dyr og fugle. "
            "Vi holder en plantedag, hvor alle kan komme og sætte et træ. "
            "Børnene får et skilt med deres navn ved deres eget træ.",
            50_000,
            KLIMA,
        ),
        P(
            "Skilte og kort over gå- og cykelruter",
            "Skilte og et stort kort på torvet viser gode ruter til gåture og cykelture rundt om byen.",
            "Der er mange fine ruter rundt om byen, men de er svære at finde, hvis man ikke kender dem. "
            "Vi foreslår skilte langs tre ruter af forskellig længde og et stort kort på torvet. "
            "Ruterne kommer også på en enkel hjemmeside. "
            "Det får flere til at gå og cykle.",
            25_000,
            TRAFIK,
        ),
        P(
            "Sommerbio i det fri",
            "Et stort lærred og en projektor, så vi kan holde filmaftener for hele byen om sommeren.",
            "En filmaften under åben himmel samler både børn, unge og ældre. "
            "Vi foreslår et lærred, der kan pustes op, en projektor og højttalere, som foreningerne kan låne. "
            "Udstyret bliver opbevaret i hallen. "
            "Vi vil holde mindst tre filmaftener hver sommer.",
            45_000,
            FAELLESSKAB,
        ),
        P(
            "Klatresten ved hallen",
            "En stor klatresten i beton med greb, hvor børn og unge kan klatre uden reb.",
            "Klatring er sjovt og giver stærke muskler og god balance. "
            "En klatresten er lav nok til, at man kan klatre uden reb, og der er blødt underlag. "
            "Der er ruter for både begyndere og øvede. "
            "Stenen skal stå ved hallen, så den er synlig og tæt på toiletter.",
            65_000,
            UNGE,
        ),
    ),
}

del P


# --- Opdigtede personer (DEMO) ------------------------------------------------

#: Invented proposers; any likeness to real people is a coincidence.
PROPOSERS: tuple[str, ...] = (
    "Mette Kjærgaard",
    "Lars Bøgh",
    "Anne Sofie Holm",
    "Jens Ebbesen",
    "Karen Mølgaard",
    "Søren Thygesen",
    "Line Dalsgaard",
    "Mads Fogh",
    "Amina Hassan",
    "Tobias Kragh",
    "Ida Vestergaard",
    "Peter Bach",
    "Hanne Skovgaard",
    "Ahmad Rahimi",
    "Freja Lind",
    "Niels Højgaard",
    "Camilla Brandt",
    "Henrik Østergaard",
    "Maja Krogh",
    "Lene Friis",
)

#: Invented voters; any likeness to real people is a coincidence.
DEMO_VOTER_NAMES: tuple[str, ...] = (
    "Emma Juhl",
    "Noah Riis",
    "Ingrid Bak",
    "Frederik Lykke",
    "Signe Borup",
    "Kasper Holt",
    "Nour El-Amin",
    "Bente Kirk",
    "Viggo Storm",
    "Astrid Bjerre",
    "Mikkel Aagaard",
    "Yasmin Ali",
)
