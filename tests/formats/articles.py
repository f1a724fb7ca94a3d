"""Articles written for these tests (not published anywhere), shaped like Nordic health-IT news."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    title: str
    published: str  # ISO date
    paragraphs: tuple[str, ...]
    language: str
    url: str
    site: str

    @property
    def first(self) -> str:
        return self.paragraphs[0]

    @property
    def last(self) -> str:
        return self.paragraphs[-1]


# Long enough for two printed pages: the PDF fixture.
NORRBOTTEN = Article(
    title="Region Norrbotten skjuter upp bytet av journalsystem ett år",
    published="2025-03-04",
    language="sv",
    url="https://norrlandsnytt.example/2025/03/04/journalsystem-skjuts-upp",
    site="Norrlandsnytt",
    paragraphs=(
        "Region Norrbotten skjuter upp införandet av det nya journalsystemet med ett år. Beslutet togs av "
        "regionstyrelsen på tisdagen efter att en extern granskning pekat på brister i testerna av "
        "läkemedelsmodulen.",
        "Enligt den ursprungliga planen skulle vårdcentralerna i Luleå och Boden gå över till systemet i "
        "april, följda av sjukhusen i Sunderbyn och Gällivare under hösten. Nu blir det tidigast våren 2026 "
        "innan den första enheten byter.",
        "– Vi har hela tiden sagt att patientsäkerheten går före tidplanen. Granskningen visar att vi inte är "
        "där än, och då vore det oansvarigt att trycka på knappen, säger regionstyrelsens ordförande Karin "
        "Lindqvist.",
        "Granskarna från ett konsultbolag i Stockholm har gått igenom hur systemet hanterar ordinationer, "
        "remisser och provsvar. De fann bland annat att dosändringar i vissa fall inte syntes för "
        "sjuksköterskor på andra avdelningar förrän nästa morgon, och att gamla remisser kunde dyka upp som "
        "nya efter en migrering av testdata.",
        "Leverantören har åtagit sig att rätta felen utan extra kostnad för regionen. Förseningen beräknas "
        "ändå kosta omkring 45 miljoner kronor, främst för att det gamla systemet måste köras parallellt och "
        "licenserna för det förlängas.",
        "Oppositionen kritiserar hur projektet har styrts. Enligt oppositionsrådet Anders Berg har "
        "varningssignalerna funnits sedan i höstas, när de första användartesterna på vårdcentralen i "
        "Kalix gick dåligt.",
        "– Personalen sa redan då att systemet var svårt att arbeta i. Att det skulle ta en extern granskning "
        "för att ledningen skulle lyssna säger en hel del, säger han.",
        "Fackförbundet Vårdförbundet välkomnar beskedet. Förbundets ordförande i Norrbotten menar att "
        "medlemmarna har fått lägga mycket tid på utbildningar som nu måste göras om när införandet "
        "närmar sig igen.",
        "Regionen räknar med att lägga fram en ny tidplan för införandet i juni, när leverantören har "
        "levererat en rättad version och nya tester har genomförts på två vårdcentraler.",
    ),
)

SJAELLAND = Article(
    title="Region Sjælland forlænger aftalen om patientjournalen",
    published="2025-02-11",
    language="da",
    url="https://sundhedsnyt.example/region-sjaelland-forlaenger",
    site="Sundhedsnyt",
    paragraphs=(
        "Region Sjælland har besluttet at forlænge kontrakten om den elektroniske patientjournal med tre år, "
        "i stedet for at sende opgaven i nyt udbud allerede i år.",
        "Ifølge regionens it-direktør er et udbud nu for risikabelt, fordi hospitalerne samtidig flytter ind "
        "i nye bygninger i Køge og skal vænne sig til nye arbejdsgange.",
        "Forlængelsen koster regionen omkring 120 millioner kroner. Regionsrådet vil have en plan for det "
        "kommende udbud på bordet inden sommerferien næste år.",
    ),
)

TROMSO = Article(
    title="Helse Nord vil ha felles kurve i alle sykehus",
    published="2025-01-20",
    language="no",
    url="https://helsenett-nytt.example/helse-nord-felles-kurve",
    site="Helsenett-nytt",
    paragraphs=(
        "Helse Nord vil innføre den samme elektroniske kurven på alle sykehusene i regionen innen utgangen "
        "av neste år. Styret ga klarsignal på sitt møte i Tromsø mandag.",
        "I dag bruker sykehusene flere ulike løsninger, og leger som jobber på flere steder må lære seg nye "
        "systemer hver gang de bytter arbeidssted. Det skaper risiko for feil i legemiddelbehandlingen.",
        "Prosjektet er beregnet å koste rundt 300 millioner kroner. Innføringen starter ved "
        "Universitetssykehuset Nord-Norge til høsten, og de minste sykehusene kommer sist.",
    ),
)

VASTRA = Article(
    title="Upphandlingen av vårdsystem överprövas i förvaltningsrätten",
    published="2025-05-19",
    language="sv",
    url="https://vardnytt.example/upphandling-overprovas",
    site="Vårdnytt",
    paragraphs=(
        "En av de förlorande anbudsgivarna har begärt överprövning av Västra Götalandsregionens upphandling "
        "av ett nytt system för tandvården.",
        "Bolaget menar att regionen har viktat priset på ett sätt som inte framgick av förfrågningsunderlaget, "
        "och att vinnaren inte uppfyller kraven på driftsäkerhet.",
        "Regionen får inte teckna avtal innan förvaltningsrätten har prövat saken. Ett avgörande väntas "
        "tidigast efter sommaren, vilket skjuter hela projektet framåt.",
    ),
)

ODENSE = Article(
    title="Nyt system skal samle henvisninger i Region Syddanmark",
    published="2025-04-02",
    language="da",
    url="https://fynsnyt.example/nyt-henvisningssystem",
    site="Fynsnyt",
    paragraphs=(
        "Region Syddanmark vil samle alle henvisninger fra de praktiserende læger i ét system, så patienter "
        "ikke længere bliver væk mellem sektorerne.",
        "I dag kan en henvisning fra en læge i Svendborg ende i en fællespostkasse, hvor den ligger i flere "
        "dage, før nogen på Odense Universitetshospital ser den.",
        "Det nye system skal være i drift om to år. Regionen regner med at bruge omkring 60 millioner kroner "
        "på det over de første fem år.",
    ),
)

BERGEN = Article(
    title="Helse Vest forsinker ny løsning for laboratoriesvar",
    published="2025-06-10",
    language="no",
    url="https://vestnytt.example/laboratoriesvar-forsinket",
    site="Vestnytt",
    paragraphs=(
        "Helse Vest utsetter innføringen av den nye løsningen for laboratoriesvar med et halvt år etter at "
        "testene i Bergen avdekket feil i overføringen av prøvesvar.",
        "Feilen gjorde at enkelte svar ble liggende i en kø uten at legen fikk beskjed. Ingen pasienter skal "
        "ha fått skade, ifølge helseforetaket.",
        "Leverantøren har fått frist til august med å rette feilen. Deretter skal løsningen testes på nytt "
        "ved Haukeland universitetssjukehus før den tas i bruk.",
    ),
)

UMEA = Article(
    title="Region Västerbotten inför digitala vårdbesök i hela länet",
    published="2025-03-28",
    language="sv",
    url="https://vkuriren.example/digitala-vardbesok",
    site="V-kuriren",
    paragraphs=(
        "Region Västerbotten inför digitala vårdbesök på samtliga hälsocentraler i länet efter ett lyckat "
        "försök i Lycksele och Vilhelmina.",
        "Patienterna kan boka ett videosamtal med sjuksköterska eller läkare via 1177, och i försöket "
        "slapp var tredje patient resa till hälsocentralen.",
        "Satsningen kostar omkring åtta miljoner kronor per år. Regionen räknar med att spara en del av "
        "pengarna på minskade sjukresor i inlandet.",
    ),
)

AARHUS = Article(
    title="Region Midtjylland vælger leverandør til nyt røntgensystem",
    published="2025-05-06",
    language="da",
    url="https://midtnyt.example/nyt-roentgensystem",
    site="Midtnyt",
    paragraphs=(
        "Region Midtjylland har valgt leverandøren af et nyt system til røntgenbilleder på regionens "
        "hospitaler efter et udbud med fire bydere.",
        "Det nye system skal gøre det muligt for radiologer i Aarhus at se billeder fra Holstebro og Randers "
        "uden at vente på, at de bliver sendt mellem hospitalerne.",
        "Kontrakten løber i otte år og har en værdi af omkring 90 millioner kroner. De første hospitaler "
        "tager systemet i brug til foråret.",
    ),
)

TRONDHEIM = Article(
    title="Kommunene i Trøndelag får bedre samhandling med sykehuset",
    published="2025-02-25",
    language="no",
    url="https://trondernytt.example/samhandling-sykehus",
    site="Trøndernytt",
    paragraphs=(
        "Kommunene i Trøndelag skal få en ny løsning for meldinger mellom hjemmetjenesten og St. Olavs "
        "hospital, etter at dagens ordning har fått mye kritikk.",
        "Sykepleiere i hjemmetjenesten har fortalt at de ofte ikke vet hvilke medisiner en pasient har fått "
        "når vedkommende blir skrevet ut fra sykehuset.",
        "Den nye løsningen skal testes i Orkland og Malvik fra høsten, før resten av kommunene kobles på "
        "i løpet av neste år.",
    ),
)

GAVLE = Article(
    title="Region Gävleborg tecknar avtal om ny plattform för egenmätningar",
    published="2025-04-15",
    language="sv",
    url="https://regiongavleborg.example/press/egenmatningar",
    site="Region Gävleborg",
    paragraphs=(
        "Region Gävleborg har tecknat avtal om en digital plattform där patienter med kroniska sjukdomar kan "
        "rapportera blodtryck, blodsocker och vikt hemifrån.",
        "Mätvärdena förs automatiskt över till patientens journal, och vårdpersonalen får en signal när ett "
        "värde avviker från det som har bestämts för just den patienten.",
        "Avtalet gäller i fyra år och är värt omkring tolv miljoner kronor. De första patienterna, med "
        "hjärtsvikt, ansluts i Hudiksvall under hösten.",
    ),
)

ESBJERG = Article(
    title="Sydvestjysk Sygehus tester talegenkendelse i journalen",
    published="2024-11-07",
    language="da",
    url="https://jyskearkiv.example/talegenkendelse",
    site="Jysk Arkiv",
    paragraphs=(
        "Lægerne på Sydvestjysk Sygehus i Esbjerg skal de næste seks måneder teste, om talegenkendelse kan "
        "spare tid, når de skriver notater i patientjournalen.",
        "I dag dikterer mange læger deres notater, som derefter skrives ind af lægesekretærer. Det kan tage "
        "flere dage, før et notat er klar, og imens kan andre afdelinger ikke se det.",
        "Forsøget koster omkring to millioner kroner. Hvis det lykkes, vil Region Syddanmark udbrede "
        "løsningen til de øvrige sygehuse i regionen.",
    ),
)
