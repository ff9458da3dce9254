import { useId } from 'react';
import { useSession } from '../../lib/app-context';
import { can } from '../../lib/session';
import { BidPackage } from './BidPackage';
import { MatrixDownload } from './MatrixDownload';
import { MatrixUpload } from './MatrixUpload';
import { SheetImportView } from './SheetImportView';
import { SHEET_ACCEPT } from './sheet-file';
import { useSheetImport } from './use-sheet-import';

/** "Add requirements from a spreadsheet": the buyer's XLSX or CSV into this tender (an amendment on re-import). */
function AddRequirements({ tenderId }: { tenderId: string }) {
  const inputId = useId();
  const sheet = useSheetImport(tenderId);
  return (
    <div className="sheet-tool">
      <label htmlFor={inputId}>Add requirements from a spreadsheet (XLSX or CSV)</label>{' '}
      <input
        id={inputId}
        type="file"
        accept={SHEET_ACCEPT}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) {
            sheet.reset();
            sheet.start(file);
          }
          e.target.value = '';
        }}
      />
      <SheetImportView hook={sheet} openLink={false} />
    </div>
  );
}

/**
 * The tender workspace's spreadsheet work: requirements from the buyer's file, the compliance matrix
 * out and back in, and the bid package — each shown only to the roles its route lets through.
 */
export default function SheetTools({ tenderId }: { tenderId: string }) {
  const session = useSession();
  return (
    <section className="sheet-tools" aria-labelledby="sheet-tools-h">
      <h2 id="sheet-tools-h">Spreadsheets and bid package</h2>
      {can(session, 'importRequirements') && <AddRequirements tenderId={tenderId} />}
      <MatrixDownload tenderId={tenderId} />
      {can(session, 'uploadMatrix') && <MatrixUpload tenderId={tenderId} />}
      {can(session, 'buildPackage') && <BidPackage tenderId={tenderId} />}
    </section>
  );
}
