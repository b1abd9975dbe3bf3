/**
 * Given-name hypocorisms → the formal name they stand for, so that BILL and WILLIAM, PEPE and JOSE
 * compare as the same name (the "canonical" comparison level).
 *
 * Source: hand-compiled for this project from two well-documented conventions —
 * English diminutives as catalogued in genealogical nickname lists (e.g. the "Nickname and
 * Diminutive Names Lookup" list, Old Dominion University / C. Northern, Apache-2.0, used only as a
 * cross-reference) and Spanish hipocorísticos as described by the Real Academia Española
 * (Nueva gramática, § 5.2) and Wikipedia's "Hipocorístico" article. Only unambiguous entries are
 * kept: a nickname shared by a man's and a woman's name (ALEX, CHRIS, PAT, SAM, TERRY, JESSE…)
 * is left as it is, because mapping it would invent agreement between different people.
 * Keys and values are folded (upper-case ASCII, no accents).
 */
const FORMAL_NAMES: Record<string, readonly string[]> = {
  // English
  ABIGAIL: ['ABBY', 'ABBIE', 'GAIL'],
  ALBERT: ['AL', 'BERT', 'BERTIE'],
  ANDREW: ['ANDY', 'DREW'],
  ANTHONY: ['TONY'],
  BARBARA: ['BARB', 'BABS', 'BARBIE'],
  BENJAMIN: ['BEN', 'BENNY', 'BENJI'],
  CATHERINE: ['CATHY', 'CATE', 'KATHY', 'KATE', 'KATIE', 'KAT', 'KATHERINE', 'KATHRYN', 'CATHRYN'],
  CHARLES: ['CHARLIE', 'CHUCK', 'CHAS', 'CHAZ'],
  CHRISTOPHER: ['KIT', 'TOPHER'],
  DANIEL: ['DAN', 'DANNY'],
  DAVID: ['DAVE', 'DAVEY', 'DAVY'],
  DEBORAH: ['DEBBIE', 'DEBBY', 'DEB', 'DEBRA'],
  DONALD: ['DON', 'DONNIE', 'DONNY'],
  DOROTHY: ['DOT', 'DOTTIE', 'DOLLY'],
  EDWARD: ['ED', 'EDDIE', 'EDDY', 'NED', 'TED', 'TEDDY'],
  ELIZABETH: ['LIZ', 'LIZZIE', 'LIZZY', 'BETH', 'BETSY', 'BETTY', 'BESS', 'BESSIE', 'ELIZA', 'LISA', 'LIBBY'],
  EUGENE: ['GENE'],
  FREDERICK: ['FRED', 'FREDDIE', 'FREDDY', 'FRITZ'],
  GERALD: ['JERRY', 'GERRY'],
  GREGORY: ['GREG', 'GREGG'],
  HAROLD: ['HAL', 'HARRY'],
  HENRY: ['HANK'],
  JACQUELINE: ['JACKIE', 'JACQUI'],
  JAMES: ['JIM', 'JIMMY', 'JIMMIE', 'JAMIE'],
  JEFFREY: ['JEFF', 'GEOFFREY', 'GEOFF'],
  JENNIFER: ['JEN', 'JENNY', 'JENNI'],
  JOHN: ['JACK', 'JOHNNY', 'JOHNNIE'],
  JONATHAN: ['JONNY'],
  JOSEPH: ['JOE', 'JOEY'],
  JOSHUA: ['JOSH'],
  KENNETH: ['KEN', 'KENNY'],
  LAWRENCE: ['LARRY', 'LAURENCE'],
  LEONARD: ['LEN', 'LENNY'],
  MARGARET: ['MAGGIE', 'MEG', 'PEGGY', 'PEG', 'MARGE', 'MARGIE', 'MADGE'],
  MATTHEW: ['MATT', 'MATTY'],
  MICHAEL: ['MIKE', 'MIKEY', 'MICK', 'MICKEY'],
  NICHOLAS: ['NICK', 'NICKY', 'NICOLAS'],
  PATRICK: ['PADDY'],
  PATRICIA: ['PATTY', 'PATSY', 'TRISH', 'TRICIA'],
  PETER: ['PETE'],
  PHILIP: ['PHIL', 'PHILLIP'],
  REBECCA: ['BECKY', 'BECCA'],
  RICHARD: ['DICK', 'RICH', 'RICHIE', 'RICK', 'RICKY'],
  ROBERT: ['BOB', 'BOBBY', 'ROB', 'ROBBIE', 'BERT'],
  RONALD: ['RON', 'RONNIE'],
  SAMUEL: ['SAMMY'],
  STEPHEN: ['STEVE', 'STEVEN', 'STEVIE'],
  SUSAN: ['SUE', 'SUSIE', 'SUZY', 'SUZANNE'],
  THEODORE: ['THEO'],
  THOMAS: ['TOM', 'TOMMY'],
  TIMOTHY: ['TIM', 'TIMMY'],
  VIRGINIA: ['GINNY', 'GINGER'],
  WALTER: ['WALT', 'WALLY'],
  WILLIAM: ['BILL', 'BILLY', 'BILLIE', 'WILL', 'WILLIE', 'WILLY'],
  // Spanish
  ALEJANDRO: ['ALEJO', 'JANO'],
  ANTONIO: ['TONO', 'TOÑO', 'TONIO'],
  CONCEPCION: ['CONCHA', 'CONCHITA', 'CONCHI'],
  CONSUELO: ['CHELO'],
  DOLORES: ['LOLA', 'LOLITA'],
  EDUARDO: ['LALO'],
  ENRIQUE: ['QUIQUE'],
  FEDERICO: ['FEDE'],
  FRANCISCO: ['PACO', 'PANCHO', 'CURRO', 'PAQUITO', 'KIKO', 'CISCO'],
  FRANCISCA: ['PACA', 'PANCHA', 'PAQUITA'],
  GERARDO: ['LALO'],
  GUADALUPE: ['LUPE', 'LUPITA', 'PITA'],
  GUILLERMO: ['MEMO', 'GUILLE'],
  IGNACIO: ['NACHO'],
  ISABEL: ['CHABELA', 'ISA', 'CHAVELA'],
  JESUS: ['CHUCHO', 'CHUY', 'CHUS'],
  JOSE: ['PEPE', 'CHEPE', 'PEPITO', 'CHEO'],
  JOSEFA: ['PEPA', 'PEPITA', 'CHEPA'],
  LUIS: ['LUCHO', 'WICHO'],
  MANUEL: ['MANOLO', 'MANU', 'MEMO'],
  MARIA: ['MA', 'MARI', 'MARUCA'],
  MERCEDES: ['MECHE', 'MERCHE'],
  RAFAEL: ['RAFA', 'RAFI'],
  RAMON: ['MONCHO'],
  REFUGIO: ['CUCA', 'CUQUITA'],
  RICARDO: ['RICHI'],
  ROBERTO: ['BETO'],
  ROSARIO: ['CHARO', 'CHAYO'],
  SANTIAGO: ['CHAGO', 'SANTI'],
  SOLEDAD: ['CHOLE', 'SOLE'],
  TERESA: ['TERE', 'TETE'],
  VICENTE: ['CHENTE'],
};

function buildIndex(): ReadonlyMap<string, string> {
  const index = new Map<string, string>();
  for (const [formal, nicknames] of Object.entries(FORMAL_NAMES)) {
    for (const nickname of nicknames) {
      const key = nickname.normalize('NFD').replace(/\p{M}/gu, '');
      // A nickname listed under two formal names (LALO, MEMO) is ambiguous: leave it unmapped.
      if (index.has(key) && index.get(key) !== formal) index.set(key, key);
      else index.set(key, formal);
    }
  }
  return index;
}

const FORMAL_BY_NICKNAME = buildIndex();

/** The formal given name a folded token stands for (BILL → WILLIAM), or the token itself. */
export function canonicalGivenName(token: string): string {
  return FORMAL_BY_NICKNAME.get(token) ?? token;
}
