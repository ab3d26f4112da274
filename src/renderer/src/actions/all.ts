/** Registers every action: import this once wherever keys or menu commands are dispatched. */
import './document-actions'
import './edit-actions'
import './view-actions'
import './gallery-actions'
